import * as path from 'node:path';
import * as vscode from 'vscode';
import { linkTargetFor, markdownImage, type LinkBase } from '../core/paths/markdownLinks';
import { insertionPointFor, insertLinks } from '../generation/linkInserter';

/**
 * What the buttons on a generated image do. Links are computed relative to the document they go into, which is
 * the editor the user last worked in, not the document that was active when the image was generated.
 */

/** Relative to the document's folder; for an untitled document, rooted at its workspace folder. */
export function linkBaseFor(document: vscode.TextDocument | undefined): LinkBase {
  const folder = document ? vscode.workspace.getWorkspaceFolder(document.uri) : undefined;
  const workspaceFolder = (folder ?? vscode.workspace.workspaceFolders?.[0])?.uri.path;
  const documentPath = document && document.uri.scheme !== 'untitled' ? document.uri.path : undefined;
  return { documentPath, workspaceFolder };
}

/** `![prompt](relative/path.png)` for the image, as seen from `document`. */
export function imageMarkdown(image: vscode.Uri, alt: string, document: vscode.TextDocument | undefined): string {
  return markdownImage(alt || path.posix.basename(image.path), linkTargetFor(image.path, linkBaseFor(document)));
}

/** Inserts the link at the editor's cursor (after its selection); the clipboard gets it when there is no editor. */
export async function insertImageLink(image: vscode.Uri, alt: string, editor: vscode.TextEditor | undefined): Promise<string> {
  if (!editor) {
    await vscode.env.clipboard.writeText(imageMarkdown(image, alt, undefined));
    return vscode.l10n.t('No editor to insert into: the Markdown link is on the clipboard.');
  }
  const document = editor.document;
  const name = path.posix.basename(document.uri.path);
  const inserted = await insertLinks(insertionPointFor(editor), imageMarkdown(image, alt, document));
  return inserted
    ? vscode.l10n.t('Inserted the link into {0}.', name)
    : vscode.l10n.t('{0} was closed, so the Markdown link was copied to the clipboard instead.', name);
}

export async function copyImageMarkdown(image: vscode.Uri, alt: string, editor: vscode.TextEditor | undefined): Promise<string> {
  await vscode.env.clipboard.writeText(imageMarkdown(image, alt, editor?.document));
  return editor
    ? vscode.l10n.t('Copied the Markdown link (relative to {0}).', path.posix.basename(editor.document.uri.path))
    : vscode.l10n.t('Copied the Markdown link.');
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
