import { DmxApiError, type RedirectRefusal } from '../errors';

/**
 * Which redirects a request follows. `sameOrigin` (API calls, which carry the key and the prompt): only to the
 * same scheme, host and port, and a POST only by 307/308, which keep it a POST. `noDowngrade` (image downloads,
 * which carry no key): anywhere but from https to http.
 */
export type RedirectPolicy = 'sameOrigin' | 'noDowngrade';

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
const KEEPS_METHOD: ReadonlySet<number> = new Set([307, 308]);
const MAX_HOPS = 5;

/** Origin and path, without the query (a signed link's token) or anything else a log should not hold. */
function shown(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

function refusalOf(method: string, from: URL, to: URL, status: number, policy: RedirectPolicy, hop: number): RedirectRefusal | undefined {
  if (from.protocol === 'https:' && to.protocol !== 'https:') {
    return 'downgrade';
  }
  if (policy === 'sameOrigin' && from.origin !== to.origin) {
    return 'otherOrigin';
  }
  if (method !== 'GET' && !KEEPS_METHOD.has(status)) {
    return 'changesMethod';
  }
  return hop + 1 > MAX_HOPS ? 'tooMany' : undefined;
}

/**
 * Where a redirect answer leads: undefined when `response` is not a redirect (it is the answer), the next URL
 * when the policy allows it, or the error that says why it was not followed.
 */
export function redirectTarget(method: string, url: string, response: Response, policy: RedirectPolicy, hop: number): string | DmxApiError | undefined {
  const location = response.headers.get('location');
  if (!REDIRECT_STATUSES.has(response.status) || location === null) {
    return undefined;
  }
  const from = new URL(url);
  let to: URL;
  try {
    to = new URL(location, from);
  } catch {
    return new DmxApiError({ kind: 'redirect', status: response.status, from: shown(from), to: '(invalid URL)', reason: 'otherOrigin' }, { retryable: false });
  }
  const reason = refusalOf(method, from, to, response.status, policy, hop);
  return reason === undefined
    ? to.href
    : new DmxApiError({ kind: 'redirect', status: response.status, from: shown(from), to: shown(to), reason }, { retryable: false });
}
