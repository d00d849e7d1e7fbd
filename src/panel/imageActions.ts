import * as path from 'node:path';
import * as vscode from 'vscode';
import { imageLinkText, type ImageLinkText } from '../core/paths/imageLinks';
import type { LinkBase } from '../core/paths/markdownLinks';
import { linkBaseFor } from '../generation/destination';
import { clipboardMessage, insertionPointFor, insertLinks } from '../textEditor/linkInserter';

/**
 * What the buttons on a generated image do. Links are computed relative to the document they go into, which is
 * the editor the user last worked in, not the document that was active when the image was generated.
 */

/** Relative to the document's folder; for an untitled document, rooted at its workspace folder. */
function documentLinkBase(document: vscode.TextDocument | undefined): LinkBase {
  const folder = document ? vscode.workspace.getWorkspaceFolder(document.uri) : undefined;
  return linkBaseFor(document?.uri, (folder ?? vscode.workspace.workspaceFolders?.[0])?.uri);
}

/** The image as `document` links it, in its language (Markdown without a document), or its path when the language has no image syntax. */
export function imageLink(image: vscode.Uri, alt: string, document: vscode.TextDocument | undefined): ImageLinkText {
  return imageLinkText(document?.languageId, [{ path: image.path, alt: alt || path.posix.basename(image.path) }], documentLinkBase(document));
}

/** Inserts the link at the editor's cursor (after its selection); the clipboard gets it when there is no editor. */
export async function insertImageLink(image: vscode.Uri, alt: string, editor: vscode.TextEditor | undefined): Promise<string> {
  if (!editor) {
    await vscode.env.clipboard.writeText(imageLink(image, alt, undefined).text);
    return vscode.l10n.t('No editor to insert into: the Markdown link is on the clipboard.');
  }
  const document = editor.document;
  const outcome = await insertLinks(insertionPointFor(editor), imageLink(image, alt, document));
  return outcome === 'inserted' ? vscode.l10n.t('Inserted the link into {0}.', path.posix.basename(document.uri.path)) : clipboardMessage(outcome, document);
}

/** Copies the link as the editor's document would take it, or the path where its language has no image syntax. */
export async function copyImageLink(image: vscode.Uri, alt: string, editor: vscode.TextEditor | undefined): Promise<string> {
  const link = imageLink(image, alt, editor?.document);
  await vscode.env.clipboard.writeText(link.text);
  if (!editor) {
    return vscode.l10n.t('Copied the Markdown link.');
  }
  const name = path.posix.basename(editor.document.uri.path);
  return link.syntax === undefined
    ? clipboardMessage('noImageSyntax', editor.document)
    : vscode.l10n.t('Copied the link (relative to {0}).', name);
}

/**
 * Moves the file to the trash. Where the file system has no trash (some remotes), asks before deleting for good.
 * Returns whether the file is gone.
 */
export async function deleteImage(image: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.delete(image, { useTrash: true });
    return true;
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') {
      return true;
    }
    const deleteForGood = vscode.l10n.t('Delete Permanently');
    const picked = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} could not be moved to the trash. Delete it permanently?', path.posix.basename(image.path)),
      { modal: true },
      deleteForGood,
    );
    if (picked !== deleteForGood) {
      return false;
    }
    await vscode.workspace.fs.delete(image, { useTrash: false });
    return true;
  }
}
