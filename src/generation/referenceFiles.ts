import * as path from 'node:path';
import * as vscode from 'vscode';
import { sniffImageMime } from '../core/imageBytes';
import type { ImageMime, ReferenceImage } from '../core/types';
import { issue } from '../core/validationIssues';
import { PreflightError } from './generationErrors';
import { describeIssue } from './issueMessages';

/**
 * The one reader of reference image files, for the studio's attachments and the extension API alike. A folder, a
 * file that is gone (deleted after it was chosen) or unreadable, one over the size limit, or one that is not an
 * image is refused before anything is sent, with a message naming it.
 */

/** A reference that cannot be used, with the reason in the display language. */
export class ReferenceRefused extends PreflightError {}

/** A reference image read from a file, named by it. */
export interface ReadReference extends ReferenceImage {
  readonly name: string;
}

/** The image type of `bytes`; throws `ReferenceRefused` when they are not an image or larger than `maxBytes`. */
export function checkReferenceBytes(name: string, bytes: Uint8Array, maxBytes = Infinity): ImageMime {
  const mimeType = sniffImageMime(bytes);
  if (!mimeType) {
    throw new ReferenceRefused(describeIssue(issue.referenceNotImage(0, name)));
  }
  if (bytes.byteLength > maxBytes) {
    throw tooLarge(name, bytes.byteLength, maxBytes);
  }
  return mimeType;
}

const tooLarge = (name: string, bytes: number, maxBytes: number): ReferenceRefused =>
  new ReferenceRefused(describeIssue(issue.referenceTooLarge(0, name, bytes, maxBytes)));

/**
 * Reads one image file to use as a reference. Its size is checked before it is read, so a huge file never is;
 * without `maxBytes` the model's limit is left to the core's validation, which names the file too.
 */
export async function readReferenceFile(uri: vscode.Uri, maxBytes = Infinity): Promise<ReadReference> {
  const name = path.posix.basename(uri.path);
  let bytes: Uint8Array;
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type & vscode.FileType.Directory) {
      throw new ReferenceRefused(vscode.l10n.t('{0} is a folder, not an image.', name));
    }
    if (stat.size > maxBytes) {
      throw tooLarge(name, stat.size, maxBytes);
    }
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (error) {
    if (error instanceof ReferenceRefused) {
      throw error;
    }
    const gone = error instanceof vscode.FileSystemError && error.code === 'FileNotFound';
    throw new ReferenceRefused(
      gone
        ? vscode.l10n.t('The reference image {0} no longer exists. Attach it again or remove it.', name)
        : vscode.l10n.t('{0} could not be read.', name),
    );
  }
  return { bytes, mimeType: checkReferenceBytes(name, bytes, maxBytes), name };
}
