/**
 * Which base URLs the key may be sent to. Pure (no `vscode`), so the rules are unit-tested on their own: the
 * key travels in a header of every request, so the URL decides who receives it.
 */

export type BaseUrlVerdict =
  | { readonly ok: true; readonly url: string; readonly host: string }
  | { readonly ok: false; readonly reason: 'notHttpUrl' | 'credentials' | 'cleartext' };

/** `localhost`, `127.0.0.0/8` and `::1`: a plain-http server there is on this machine, not on the network. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Checks and normalises a base URL: http(s) only, no query or fragment, no user name or password, `http:` only
 * for loopback. The normal form has no trailing slash and no `/v1` or `/v1beta`, which the protocols add.
 */
export function checkBaseUrl(value: string): BaseUrlVerdict {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return { ok: false, reason: 'notHttpUrl' };
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash) {
    return { ok: false, reason: 'notHttpUrl' };
  }
  if (url.username || url.password) {
    return { ok: false, reason: 'credentials' };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return { ok: false, reason: 'cleartext' };
  }
  return { ok: true, url: url.href.replace(/\/+$/, '').replace(/\/(v1|v1beta)$/, ''), host: url.host };
}

/** The URL as it may be shown: no user name or password, which a refused URL may carry. */
export function displayableUrl(value: string): string {
  try {
    const url = new URL(value.trim());
    if (!url.username && !url.password) {
      return value;
    }
    url.username = '';
    url.password = '';
    return url.href;
  } catch {
    // Not a URL: anything between `//` and `@` may still be a secret.
    return value.replace(/\/\/[^/@]*@/, '//***@');
  }
}
