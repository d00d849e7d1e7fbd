import * as vscode from 'vscode';

/**
 * Whether something is at `uri`, through `workspace.fs` (so remote workspaces work). Only "not found" means no:
 * any other failure (no permission, a remote gone away) is thrown, so a writer never takes a name it could not see.
 * Callers for whom an unreadable file is as good as none catch it themselves.
 */
export async function fileExists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') {
      return false;
    }
    throw error;
  }
}
