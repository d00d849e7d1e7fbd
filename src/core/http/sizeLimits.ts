/**
 * How large an answer may be. An image is at most tens of MB: a 4K PNG of pure noise (the worst case the
 * benchmark makes) is about 50 MB, 67 MB as base64. Anything far beyond that is a broken or hostile server,
 * and reading it whole would take the extension host's memory with it.
 */

const MB = 1024 * 1024;

/** A generation answer on the wire: room for a batch of 4K images as base64. */
export const MAX_ANSWER_BYTES = 200 * MB;

/** One image downloaded from a URL result. */
export const MAX_DOWNLOAD_BYTES = 64 * MB;

/** The JSON around the images (texts, usage, ids): a model's words are kilobytes; this is generous. */
export const MAX_ANSWER_TEXT_BYTES = 4 * MB;

/** Strings in the JSON around the images; a real answer has tens. Each costs heap once parsed. */
export const MAX_ANSWER_STRINGS = 100_000;

/** The most any buffer is sized up front from a header; past it, buffers grow as bytes really arrive. */
export const MAX_PRESIZED_BYTES = MAX_DOWNLOAD_BYTES;
