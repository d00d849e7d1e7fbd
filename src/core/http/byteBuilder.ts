/**
 * Bytes appended piece by piece into one growing buffer. The scanner keeps the JSON around the images here
 * rather than as a list of small Buffers: a million tiny strings then cost their bytes, not a million objects.
 */

const MIN_CAPACITY = 4 * 1024;

export class ByteBuilder {
  private bytes: Buffer = Buffer.allocUnsafe(MIN_CAPACITY);
  private used = 0;

  get length(): number {
    return this.used;
  }

  append(source: Uint8Array, start = 0, end = source.length): void {
    const count = end - start;
    if (count <= 0) {
      return;
    }
    this.reserve(count);
    this.bytes.set(source.subarray(start, end), this.used);
    this.used += count;
  }

  appendText(text: string, encoding: BufferEncoding = 'utf8'): void {
    this.reserve(Buffer.byteLength(text, encoding));
    this.used += this.bytes.write(text, this.used, encoding);
  }

  /** Forgets everything after `length` (a string that turned out to be an image). */
  truncate(length: number): void {
    this.used = Math.min(this.used, length);
  }

  toString(encoding: BufferEncoding = 'utf8', start = 0, end = this.used): string {
    return this.bytes.toString(encoding, start, end);
  }

  private reserve(count: number): void {
    if (this.used + count <= this.bytes.length) {
      return;
    }
    const grown = Buffer.allocUnsafe(Math.max(this.used + count, this.bytes.length * 2));
    this.bytes.copy(grown, 0, 0, this.used);
    this.bytes = grown;
  }
}
