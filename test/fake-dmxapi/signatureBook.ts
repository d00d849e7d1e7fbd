import { createHash, randomBytes } from 'node:crypto';

/**
 * The `thoughtSignature`s the fake hands out on the model parts of its Gemini answers (…-duolun.md: "多轮对话需
 * 原样回传", sent back unchanged in every later turn). Each is random, and remembered with the part it was given
 * on, so a later request whose model turn drops a signature, alters one, or pairs it with other content is refused.
 */

const digest = (content: string): string => createHash('sha256').update(content).digest('hex');

export class SignatureBook {
  private readonly issued = new Map<string, string>();

  /** A new signature for a part: an image's base64 data, or a text. */
  issue(kind: 'image' | 'text', content: string): string {
    const signature = randomBytes(48).toString('base64');
    this.issued.set(signature, digest(`${kind}:${content}`));
    return signature;
  }

  /** Whether `signature` was handed out for exactly this part. */
  matches(signature: string, kind: 'image' | 'text', content: string): boolean {
    return this.issued.get(signature) === digest(`${kind}:${content}`);
  }

  clear(): void {
    this.issued.clear();
  }
}
