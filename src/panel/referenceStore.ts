import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { IMAGE_EXTENSIONS } from '../core/imageBytes';
import type { ImageMime, ReferenceImage } from '../core/types';
import { checkReferenceBytes, readReferenceFile, type ReadReference } from '../generation/referenceFiles';

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

export class ReferenceStore implements vscode.Disposable {
  private items: AttachedReference[] = [];

  /** `folder`: a folder of the extension's storage that only this store writes. */
  constructor(readonly folder: vscode.Uri) {}

  list(): readonly AttachedReference[] {
    return this.items;
  }

  /** Checks and keeps an image; throws `ReferenceRefused` when it is not an image or too large. */
  addBytes(name: string, bytes: Uint8Array, maxBytes: number): Promise<AttachedReference> {
    return this.keep({ name, bytes, mimeType: checkReferenceBytes(name, bytes, maxBytes) });
  }

  /** Reads a file through the one reference reader (a huge file is never read) and keeps it. */
  async addFile(uri: vscode.Uri, maxBytes: number): Promise<AttachedReference> {
    return this.keep(await readReferenceFile(uri, maxBytes));
  }

  private async keep({ name, bytes, mimeType }: ReadReference): Promise<AttachedReference> {
    const id = randomUUID();
    const copy = vscode.Uri.joinPath(this.folder, `${id}.${IMAGE_EXTENSIONS[mimeType]}`);
    await vscode.workspace.fs.createDirectory(this.folder);
    await vscode.workspace.fs.writeFile(copy, bytes);
    const reference: AttachedReference = { id, name, copy, mimeType, byteLength: bytes.byteLength };
    this.items = [...this.items, reference];
    return reference;
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
