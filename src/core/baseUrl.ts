/** Normalises the base URL: no trailing slash, no `/v1` or `/v1beta` the protocol paths add themselves. */
export function normalizeBaseUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash || url.username) {
    return undefined;
  }
  return url.href.replace(/\/+$/, '').replace(/\/(v1|v1beta)$/, '');
}
