import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorReply, resetConnection, writeBytes, writeJson, type Dialect } from './replies';
import type { Fault, FaultKind, FaultTarget } from './types';

export type Kind = FaultKind['kind'];

/** Faults that strike before the request is looked at: they replace or withhold the whole answer. */
export const EARLY_KINDS: ReadonlySet<Kind> = new Set<Kind>(['status', 'htmlStatus', 'resetConnection', 'hang', 'slow']);
/** Faults that spoil how a successful answer travels. */
export const TRANSPORT_KINDS: ReadonlySet<Kind> = new Set<Kind>(['malformedJson', 'truncatedBody']);

/**
 * The one active fault and how many more requests it hits. Each place in the server asks only for the kinds it
 * can act on, so a fault is counted against the request it really changed (a 400 does not use up a safety block).
 */
export class FaultState {
  private current: Fault | null = null;
  private left = Infinity;

  set(fault: Fault | null): void {
    if (fault?.times !== undefined && (!Number.isInteger(fault.times) || fault.times < 1)) {
      throw new Error(`fault.times must be a positive integer, got ${fault.times}`);
    }
    this.current = fault;
    this.left = fault?.times ?? Infinity;
  }

  take<K extends Kind>(target: FaultTarget, kinds: ReadonlySet<K> | readonly K[]): Extract<FaultKind, { kind: K }> | undefined {
    const fault = this.current;
    if (!fault || (fault.target ?? 'generate') !== target) return undefined;
    const wanted = Array.isArray(kinds) ? kinds.includes(fault.kind as K) : (kinds as ReadonlySet<K>).has(fault.kind as K);
    if (!wanted) return undefined;
    this.left -= 1;
    if (this.left <= 0) this.current = null;
    return fault as Extract<FaultKind, { kind: K }>;
  }
}

/** Default messages for status faults, close to what the real services say. */
export function statusMessage(status: number): string {
  switch (status) {
    case 401:
      return 'Incorrect API key provided.';
    case 403:
      return 'Your account does not have access to this model.';
    case 429:
      return 'Rate limit reached for requests. Please try again later.';
    case 500:
      return 'The server had an error while processing your request.';
    case 503:
      return 'The model is overloaded. Please try again later.';
    default:
      return `Upstream error ${status}.`;
  }
}

const REASONS: Readonly<Record<number, string>> = {
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};

/** The page nginx serves when the upstream fails; clients must not try to parse it as JSON. */
export function nginxPage(status: number): string {
  const title = `${status} ${REASONS[status] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/** Acts on a fault that replaces the whole answer; false when the request should carry on (slow). */
export function applyEarlyFault(fault: FaultKind, dialect: Dialect, req: IncomingMessage, res: ServerResponse): boolean {
  switch (fault.kind) {
    case 'status': {
      const reply = errorReply(dialect, fault.status, fault.message ?? statusMessage(fault.status));
      writeJson(res, fault.retryAfter === undefined ? reply : { ...reply, headers: { 'retry-after': fault.retryAfter } });
      return true;
    }
    case 'htmlStatus': {
      const status = fault.status ?? 502;
      writeBytes(res, status, 'text/html', Buffer.from(nginxPage(status)), { server: 'nginx' });
      return true;
    }
    case 'resetConnection':
      resetConnection(req);
      return true;
    case 'hang':
      return true; // never answer; close() or the client's abort ends the socket
    default:
      return false;
  }
}
