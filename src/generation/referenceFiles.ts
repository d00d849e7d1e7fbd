import * as path from 'node:path';
import * as vscode from 'vscode';
import { sniffImageMime } from '../core/imageBytes';
import type { ReferenceImage } from '../core/types';
import { issue } from '../core/validationIssues';
import { PreflightError } from './generationErrors';
import { describeIssue } from './issueMessages';

/**
 * Reads image files to attach as a job's references. A file that is gone (deleted after it was chosen), a
 * folder, or a file that is not an image is refused before anything is sent, with a message naming it. The
 * model's count and size limits are checked by the core's validation, which names the file too.
 */
export async function readReferenceFiles(uris: readonly vscode.Uri[]): Promise<ReferenceImage[]> {
  const references: ReferenceImage[] = [];
  for (const [index, uri] of uris.entries()) {
    const name = path.posix.basename(uri.path);
    let bytes: Uint8Array;
    try {
      if ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) {
        throw new PreflightError(vscode.l10n.t('{0} is a folder, not an image.', name));
      }
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch (error) {
      if (error instanceof PreflightError) {
        throw error;
      }
      const gone = error instanceof vscode.FileSystemError && error.code === 'FileNotFound';
      throw new PreflightError(
        gone
          ? vscode.l10n.t('The reference image {0} no longer exists. Attach it again or remove it.', name)
          : vscode.l10n.t('{0} could not be read.', name),
      );
    }
    const mimeType = sniffImageMime(bytes);
    if (!mimeType) {
      throw new PreflightError(describeIssue(issue.referenceNotImage(index, name)));
    }
    references.push({ bytes, mimeType, name });
  }
  return references;
}
