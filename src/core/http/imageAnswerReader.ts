import type { BodyReader } from './httpClient';
import { ImageAnswerScanner, type ScannedAnswer } from './imageAnswerScanner';
import { readChunks } from './limitedBody';
import { MAX_ANSWER_BYTES } from './sizeLimits';

/** A 2xx generation answer read as it streams in; `bytes` is the body's size on the wire, for the log. */
export interface StreamedAnswer extends ScannedAnswer {
  readonly bytes: number;
}

export const imageAnswerReader: BodyReader<StreamedAnswer> = {
  what: 'answer',
  maxBytes: MAX_ANSWER_BYTES,
  async read(response, announced) {
    const scanner = new ImageAnswerScanner(announced);
    const bytes = await readChunks(response, imageAnswerReader, (chunk) => scanner.feed(chunk));
    return { ...scanner.end(), bytes };
  },
  size: (answer) => answer.bytes,
};
