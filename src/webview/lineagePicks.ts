/**
 * Picking two versions of an image to compare, as data so it is unit-tested: the first pick waits for a second;
 * the second makes a pair, ordered as the versions are (older first, so "before" is the older); a pick after a
 * complete pair starts again; picking a picked version takes it back.
 */

export interface Picks {
  readonly picked: readonly string[];
  /** Set when this pick completed a pair: [older, newer]. */
  readonly pair?: readonly [string, string];
}

export function pickVersion(picked: readonly string[], uri: string, order: readonly string[]): Picks {
  if (picked.includes(uri)) {
    return { picked: picked.filter((p) => p !== uri) };
  }
  if (picked.length !== 1) {
    return { picked: [uri] };
  }
  const [first] = picked as [string];
  const pair = (order.indexOf(first) <= order.indexOf(uri) ? [first, uri] : [uri, first]) as [string, string];
  return { picked: pair, pair };
}

/** The picks that still name a version of the lineage (after versions were removed or the lineage changed). */
export function keptPicks(picked: readonly string[], order: readonly string[]): readonly string[] {
  return picked.filter((uri) => order.includes(uri));
}
