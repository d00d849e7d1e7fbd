import type { FaultState, Kind } from './faults';
import type { FileStore } from './fileStore';
import type { ImageFactory } from './imageFactory';
import type { SignatureBook } from './signatureBook';

/** What an endpoint needs from the server to answer one generation request. */
export interface GenerateContext {
  readonly images: ImageFactory;
  /** Divisor applied to every pixel size (see `FakeOptions.sizeReduction`). */
  readonly reduction: number;
  readonly faults: FaultState;
  readonly files: FileStore;
  /** `http://127.0.0.1:PORT`, for URL results. */
  readonly baseUrl: string;
  /** The thoughtSignatures handed out on Gemini model parts, checked when a later turn sends them back. */
  readonly signatures: SignatureBook;
  /** Marks the recorded request with the fault that shaped its answer. */
  noteFault(kind: Kind): void;
}
