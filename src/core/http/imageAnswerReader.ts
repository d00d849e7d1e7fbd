import type { BodyReader } from './httpClient';
import { ImageAnswerScanner, type ScannedAnswer } from './imageAnswerScanner';

/** A 2xx generation answer read as it streams in; `bytes` is the body's size on the wire, for the log. */
export interface StreamedAnswer extends ScannedAnswer {
  readonly bytes: number;
}

function announcedLength(response: Response): number | undefined {
  const length = Number(response.headers.get('content-length'));
  return Number.isSafeInteger(length) && length > 0 ? length : undefined;
}

export const imageAnswerReader: BodyReader<StreamedAnswer> = {
  async read(response) {
    const scanner = new ImageAnswerScanner(announcedLength(response));
    let bytes = 0;
    const reader = response.body?.getReader();
    for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader!.read()) {
      scanner.feed(chunk.value);
      bytes += chunk.value.byteLength;
    }
    return { ...scanner.end(), bytes };
  },
  size: (answer) => answer.bytes,
};
