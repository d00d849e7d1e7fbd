import * as vscode from 'vscode';
import { resolveAssetsFolder } from '../core/paths/assetsFolder';
import { LinkBase } from '../core/paths/markdownLinks';
import { realPathInside } from '../storage/realPaths';

/** Where a generation's images go and what their links are relative to. */
export interface Destination {
  readonly folder: vscode.Uri;
  readonly linkBase: LinkBase;
}

export type DestinationProblem =
  | { readonly kind: 'escapesWorkspace' | 'unknownVariable' | 'needsDocument'; readonly detail: string }
  | { readonly kind: 'noFolderChosen' };

/**
 * The one rule for what a document's links are relative to: its folder; for an untitled document, the root of
 * `workspaceFolder` (the document's own, else the first; none when no folder is open).
 */
export function linkBaseFor(documentUri: vscode.Uri | undefined, workspaceFolder: vscode.Uri | undefined): LinkBase {
  const documentPath = documentUri && documentUri.scheme !== 'untitled' ? documentUri.path : undefined;
  return workspaceFolder ? { documentPath, workspaceFolder: workspaceFolder.path } : { documentPath };
}

/**
 * The assets folder of the document's workspace folder (multi-root aware). An untitled document goes to the
 * first workspace folder; with no workspace at all the user picks a folder.
 */
export async function resolveDestination(
  assetsSetting: string,
  documentUri: vscode.Uri | undefined,
): Promise<Destination | DestinationProblem> {
  const owner = documentUri && vscode.workspace.getWorkspaceFolder(documentUri);
  const workspaceFolder = owner ?? vscode.workspace.workspaceFolders?.[0];
  if (!workspaceFolder) {
    const picked = await vscode.window.showOpenDialog({
      canSelectFolders: true,
      canSelectFiles: false,
      canSelectMany: false,
      openLabel: vscode.l10n.t('Save Images Here'),
      title: vscode.l10n.t('No folder is open: choose where to save the generated image'),
    });
    if (!picked?.[0]) {
      return { kind: 'noFolderChosen' };
    }
    return { folder: picked[0], linkBase: linkBaseFor(documentUri, undefined) };
  }
  const documentPath = documentUri && documentUri.scheme !== 'untitled' ? documentUri.path : undefined;
  const resolved = resolveAssetsFolder(assetsSetting, {
    workspaceFolder: workspaceFolder.uri.path,
    documentPath: owner ? documentPath : undefined,
  });
  if (!resolved.ok) {
    return { kind: resolved.reason, detail: resolved.detail };
  }
  const folder = workspaceFolder.uri.with({ path: resolved.folder });
  const escape = await escapesThroughLinks(workspaceFolder.uri, folder);
  if (escape) {
    return { kind: 'escapesWorkspace', detail: escape };
  }
  return {
    folder,
    linkBase: linkBaseFor(documentUri, workspaceFolder.uri),
  };
}

/**
 * The text check above cannot see symbolic links: `assets` may link to a folder outside the workspace. On a
 * local disk both paths are resolved to their real paths and compared again. Other file systems (remote, virtual)
 * have no real-path call, so each existing folder on the way is stat'ed and a symbolic link is refused: where it
 * leads cannot be known there. Returns where the folder really leads when it escapes.
 */
async function escapesThroughLinks(root: vscode.Uri, folder: vscode.Uri): Promise<string | undefined> {
  if (root.scheme === 'file' && folder.scheme === 'file') {
    const { inside, real } = await realPathInside(root.fsPath, folder.fsPath);
    return inside ? undefined : real;
  }
  const segments = folder.path.slice(root.path.replace(/\/+$/, '').length).split('/').filter(Boolean);
  let current = root;
  for (const segment of segments) {
    current = vscode.Uri.joinPath(current, segment);
    const type = await vscode.workspace.fs.stat(current).then(
      (stat) => stat.type,
      () => undefined,
    );
    if (type === undefined) {
      return undefined;
    }
    if (type & vscode.FileType.SymbolicLink) {
      return current.toString();
    }
  }
  return undefined;
}

export function isDestination(value: Destination | DestinationProblem): value is Destination {
  return 'folder' in value;
}
