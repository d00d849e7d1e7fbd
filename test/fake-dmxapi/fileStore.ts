import { randomUUID } from 'node:crypto';
import type { MadeImage } from './imageFactory';

/** How a stored URL result answers a download: the image, an expiry status, or an HTML page. */
export type FileBehaviour = { readonly kind: 'image' } | { readonly kind: 'expired'; readonly status: 403 | 404 } | { readonly kind: 'html' };

export interface StoredFile {
  readonly image: MadeImage;
  readonly behaviour: FileBehaviour;
}

const EXTENSIONS: Readonly<Record<string, string>> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

/**
 * URL results, served under `/files/<name>`. Only the newest entries are kept so a long demo or benchmark does
 * not grow without bound; an evicted URL answers 404 like an expired one.
 */
export class FileStore {
  private readonly files = new Map<string, StoredFile>();

  constructor(private readonly capacity = 64) {}

  /** Stores the image and returns its file name, e.g. `3f2a….png`. */
  add(image: MadeImage, behaviour: FileBehaviour): string {
    const name = `${randomUUID()}.${EXTENSIONS[image.mimeType] ?? 'bin'}`;
    this.files.set(name, { image, behaviour });
    while (this.files.size > this.capacity) this.files.delete(this.files.keys().next().value!);
    return name;
  }

  get(name: string): StoredFile | undefined {
    return this.files.get(name);
  }

  clear(): void {
    this.files.clear();
  }
}
