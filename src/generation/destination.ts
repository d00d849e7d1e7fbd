import * as vscode from 'vscode';
import { resolveAssetsFolder } from '../core/paths/assetsFolder';
import { LinkBase } from '../core/paths/markdownLinks';

/** Where a generation's images go and what their links are relative to. */
export interface Destination {
  readonly folder: vscode.Uri;
  readonly linkBase: LinkBase;
}

export type DestinationProblem =
  | { readonly kind: 'escapesWorkspace' | 'unknownVariable' | 'needsDocument'; readonly detail: string }
  | { readonly kind: 'noFolderChosen' };

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
    const documentPath = documentUri && documentUri.scheme !== 'untitled' ? documentUri.path : undefined;
    return { folder: picked[0], linkBase: { documentPath } };
  }
  const documentPath = documentUri && documentUri.scheme !== 'untitled' ? documentUri.path : undefined;
  const resolved = resolveAssetsFolder(assetsSetting, {
    workspaceFolder: workspaceFolder.uri.path,
    documentPath: owner ? documentPath : undefined,
  });
  if (!resolved.ok) {
    return { kind: resolved.reason, detail: resolved.detail };
  }
  return {
    folder: workspaceFolder.uri.with({ path: resolved.folder }),
    linkBase: { documentPath, workspaceFolder: workspaceFolder.uri.path },
  };
}

export function isDestination(value: Destination | DestinationProblem): value is Destination {
  return 'folder' in value;
}
