import * as path from 'node:path';
import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import { ancestorsOf } from '../core/editing/lineageFiles';
import { versionLinkReplacements } from '../core/editing/versionLinks';
import { imageSyntaxFor } from '../core/paths/imageLinks';
import { linkTargetFor } from '../core/paths/markdownLinks';
import type { RegisterCommand } from '../failures/failableCommand';
import { linkBaseFor } from '../generation/destination';
import { fileNameOf, folderOf, readStoredImage, storedImagesIn } from './storedImages';

/** What Use This Version did: how many links now point at the version. */
export interface UseThisVersionResult {
  readonly replaced: number;
}

function asUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) {
    return value;
  }
  return typeof value === 'string' ? vscode.Uri.parse(value) : undefined;
}

/** The absolute paths of the earlier versions of `version`: its ancestors, whose SHA-256 still matches. */
async function earlierVersions(version: vscode.Uri): Promise<Set<string>> {
  const head = await readStoredImage(version);
  if (!head) {
    throw new Error(vscode.l10n.t('The image {0} cannot be read.', fileNameOf(version)));
  }
  const folder = folderOf(version);
  const ancestors = await ancestorsOf(fileNameOf(version), head, storedImagesIn(folder));
  return new Set(ancestors.map((relative) => path.posix.join(folder.path, relative)));
}

/**
 * In `documentUri` (or the active editor's document), every link to an earlier version of `versionUri` becomes a
 * link to it, as one undoable edit; the old files stay.
 */
export async function useThisVersion(versionUri: vscode.Uri, documentUri: vscode.Uri | undefined): Promise<UseThisVersionResult> {
  const documentTarget = documentUri ?? vscode.window.activeTextEditor?.document.uri;
  if (!documentTarget) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open the document that links the image, then run Use This Version again.'));
    return { replaced: 0 };
  }
  const document = await vscode.workspace.openTextDocument(documentTarget);
  const syntax = imageSyntaxFor(document.languageId);
  const name = fileNameOf(versionUri);
  const documentName = path.posix.basename(document.uri.path);
  if (!syntax) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no image links to update (its language has no image syntax).', documentName));
    return { replaced: 0 };
  }
  const earlier = await earlierVersions(versionUri);
  const workspaceFolder = vscode.workspace.getWorkspaceFolder(document.uri)?.uri;
  const base = linkBaseFor(document.uri, workspaceFolder);
  const documentDir = base.documentPath ? path.posix.dirname(base.documentPath) : (workspaceFolder?.path ?? '/');
  const replacements = versionLinkReplacements(
    document.getText(),
    syntax,
    { documentDir, ...(workspaceFolder ? { workspaceFolder: workspaceFolder.path } : {}) },
    earlier,
    linkTargetFor(versionUri.path, base),
  );
  if (replacements.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no link to an earlier version of {1}, so nothing was changed.', documentName, name));
    return { replaced: 0 };
  }
  const edit = new vscode.WorkspaceEdit();
  for (const replacement of replacements) {
    edit.replace(document.uri, new vscode.Range(document.positionAt(replacement.start), document.positionAt(replacement.end)), replacement.text);
  }
  if (!(await vscode.workspace.applyEdit(edit))) {
    throw new Error(vscode.l10n.t('{0} could not be changed.', documentName));
  }
  return { replaced: replacements.length };
}

/** `dmxapi.useThisVersion(version, document?)`: the version's URI (or URI string), and the document to update. */
export function registerUseThisVersion(register: RegisterCommand): vscode.Disposable {
  return register(CommandIds.useThisVersion, async (version?: unknown, document?: unknown) => {
    const versionUri = asUri(version);
    if (!versionUri) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Use This Version needs the version image; run it from the Image Studio.'));
      return { replaced: 0 };
    }
    return useThisVersion(versionUri, asUri(document));
  });
}
