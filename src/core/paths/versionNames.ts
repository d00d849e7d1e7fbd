/**
 * Names for the versions of an edited image, next to their source: `cat.png` → `cat-v2.png` → `cat-v3.png`.
 * The source itself is version 1. A new version takes the number after the highest one its family already has
 * in the folder, under any extension (`cat-v3.jpg` beside `cat.png` makes the next `cat-v4.png`), so a number is
 * never given twice while its file is there, and an edit of an older version does not fill a gap in between.
 */

/**
 * The stem keeps at most 144 UTF-8 bytes, the limit `fileNames.ts` gives stems, so with `-vN` and the extension a
 * version name stays far below the 255 bytes file systems allow.
 */
const MAX_STEM_BYTES = 144;
const VERSION = /^(.*)-v([1-9]\d{0,8})$/i;

export interface ImageVersion {
  /** The name without `-vN` and the extension. */
  readonly base: string;
  /** 1 for a name without `-vN`. */
  readonly version: number;
  /** `.png`, or '' when the name has none. */
  readonly extension: string;
}

function splitExtension(fileName: string): [stem: string, extension: string] {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? [fileName.slice(0, dot), fileName.slice(dot)] : [fileName, ''];
}

/** `cat-v3.png` → base `cat`, version 3; `cat.png` → base `cat`, version 1. */
export function parseVersion(fileName: string): ImageVersion {
  const [stem, extension] = splitExtension(fileName);
  const match = VERSION.exec(stem);
  return match && match[1] ? { base: match[1], version: Number(match[2]), extension } : { base: stem, version: 1, extension };
}

/** The longest start of `text` within `maxBytes` of UTF-8, cut between graphemes. */
function truncateBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) {
    return text;
  }
  let kept = '';
  for (const { segment } of new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(text)) {
    if (Buffer.byteLength(kept + segment, 'utf8') > maxBytes) {
      break;
    }
    kept += segment;
  }
  return kept;
}

/**
 * The name of the next version of `sourceName`, given the names already in its folder (`taken`, compared without
 * case, as Windows and macOS do). `extension` is the new image's own (the model may answer JPEG for a PNG); by
 * default the source's.
 */
export function nextVersionName(sourceName: string, taken: Iterable<string>, extension?: string): string {
  const source = parseVersion(sourceName);
  const base = truncateBytes(source.base, MAX_STEM_BYTES);
  const family = base.toLowerCase();
  const takenNames = new Set<string>();
  let highest = source.version;
  for (const name of taken) {
    takenNames.add(name.toLowerCase());
    const other = parseVersion(name);
    if (other.base.toLowerCase() === family) {
      highest = Math.max(highest, other.version);
    }
  }
  const ext = extension ?? source.extension;
  for (let version = highest + 1; ; version++) {
    const candidate = `${base}-v${version}${ext}`;
    if (!takenNames.has(candidate.toLowerCase())) {
      return candidate;
    }
  }
}
