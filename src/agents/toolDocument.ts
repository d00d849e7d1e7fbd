import * as vscode from 'vscode';
import { fileExists } from '../storage/fileExists';

/** The document a tool call's image is for, or a sentence saying why the given one cannot be used. */
export type ToolDocument = { readonly uri: vscode.Uri | undefined } | { readonly problem: string };

/** A document that cannot be looked at is treated as one that is not there. */
const exists = (uri: vscode.Uri): Promise<boolean> => fileExists(uri).catch(() => false);

/**
 * Resolves the `document` argument: a workspace-relative path (in a multi-root workspace, the first folder that
 * holds it), an absolute path or a URI inside the workspace. Without one, the active editor's document. A document
 * outside every workspace folder is refused: the tool writes nowhere else and links nothing else.
 */
export async function resolveToolDocument(given: string | undefined): Promise<ToolDocument> {
  if (!given) {
    return { uri: vscode.window.activeTextEditor?.document.uri };
  }
  const folders = vscode.workspace.workspaceFolders ?? [];
  let uri: vscode.Uri | undefined;
  if (/^[a-z][\w+.-]+:\/\//i.test(given)) {
    uri = vscode.Uri.parse(given);
  } else if (given.startsWith('/') || /^[a-z]:[\\/]/i.test(given)) {
    uri = folders[0] ? folders[0].uri.with({ path: vscode.Uri.file(given).path }) : vscode.Uri.file(given);
  } else {
    const relative = given.replace(/\\/g, '/');
    const candidates = folders.map((folder) => vscode.Uri.joinPath(folder.uri, relative));
    for (const candidate of candidates) {
      if (await exists(candidate)) {
        uri = candidate;
        break;
      }
    }
    uri ??= candidates[0];
  }
  if (!uri || !vscode.workspace.getWorkspaceFolder(uri)) {
    return { problem: vscode.l10n.t('The document {0} is not inside the open workspace, so no image was generated for it.', given) };
  }
  return { uri };
}
