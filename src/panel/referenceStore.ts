import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatBytes } from '../core/http/logFormat';
import { IMAGE_EXTENSIONS, sniffImageMime } from '../core/imageBytes';
import type { ImageMime, ReferenceImage } from '../core/types';

/**
 * The reference images attached in the studio. Each is checked (type from its bytes, size against the limit)
 * and copied into the extension's storage: the thumbnail loads from there, so the webview's resource roots
 * stay narrow, and the image sent is the one that was attached even if the original changes.
 */

export interface AttachedReference {
  readonly id: string;
  readonly name: string;
  readonly copy: vscode.Uri;
  readonly mimeType: ImageMime;
  readonly byteLength: number;
}

/** A reference that cannot be attached, with the reason in the display language. */
export class ReferenceRefused extends Error {}

export class ReferenceStore implements vscode.Disposable {
  private items: AttachedReference[] = [];

  /** `folder`: a folder of the extension's storage that only this store writes. */
  constructor(readonly folder: vscode.Uri) {}

  list(): readonly AttachedReference[] {
    return this.items;
  }

  /** Checks and keeps an image; throws `ReferenceRefused` when it is not an image or too large. */
  async addBytes(name: string, bytes: Uint8Array, maxBytes: number): Promise<AttachedReference> {
    const mimeType = sniffImageMime(bytes);
    if (!mimeType) {
      throw new ReferenceRefused(vscode.l10n.t('{0} is not a PNG, JPEG, WebP or GIF image.', name));
    }
    if (bytes.byteLength > maxBytes) {
      throw new ReferenceRefused(vscode.l10n.t('{0} is {1}; reference images may be at most {2}.', name, formatBytes(bytes.byteLength), formatBytes(maxBytes)));
    }
    const id = randomUUID();
    const copy = vscode.Uri.joinPath(this.folder, `${id}.${IMAGE_EXTENSIONS[mimeType]}`);
    await vscode.workspace.fs.createDirectory(this.folder);
    await vscode.workspace.fs.writeFile(copy, bytes);
    const reference: AttachedReference = { id, name, copy, mimeType, byteLength: bytes.byteLength };
    this.items = [...this.items, reference];
    return reference;
  }

  /** Reads a file (after checking its size, so a huge file is never read) and keeps it. */
  async addFile(uri: vscode.Uri, maxBytes: number): Promise<AttachedReference> {
    const name = path.posix.basename(uri.path);
    let size: number;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.type & vscode.FileType.Directory) {
        throw new ReferenceRefused(vscode.l10n.t('{0} is a folder, not an image.', name));
      }
      size = stat.size;
    } catch (error) {
      if (error instanceof ReferenceRefused) {
        throw error;
      }
      throw new ReferenceRefused(vscode.l10n.t('{0} could not be read.', name));
    }
    if (size > maxBytes) {
      throw new ReferenceRefused(vscode.l10n.t('{0} is {1}; reference images may be at most {2}.', name, formatBytes(size), formatBytes(maxBytes)));
    }
    return this.addBytes(name, await vscode.workspace.fs.readFile(uri), maxBytes);
  }

  async remove(id: string): Promise<void> {
    const reference = this.items.find((item) => item.id === id);
    this.items = this.items.filter((item) => item.id !== id);
    if (reference) {
      await vscode.workspace.fs.delete(reference.copy).then(undefined, () => undefined);
    }
  }

  /** The bytes of the named references, in the order given; ids no longer attached are skipped. */
  async load(ids: readonly string[]): Promise<ReferenceImage[]> {
    const chosen = ids.flatMap((id) => this.items.filter((item) => item.id === id));
    return Promise.all(
      chosen.map(async (item) => ({ bytes: await vscode.workspace.fs.readFile(item.copy), mimeType: item.mimeType, name: item.name })),
    );
  }

  /** Removes the copies; the studio is closing. */
  dispose(): void {
    this.items = [];
    void vscode.workspace.fs.delete(this.folder, { recursive: true }).then(undefined, () => undefined);
  }
}
