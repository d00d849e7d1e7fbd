import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyEarlyFault, EARLY_KINDS, nginxPage, type FaultState, type Kind } from './faults';
import type { FileBehaviour, FileStore } from './fileStore';
import { waitUnlessClosed, writeBytes, writeTruncated } from './replies';

/** `GET /files/<name>`: the URL results, standing in for DMXAPI's image CDN. */

export interface FileRouteDeps {
  readonly files: FileStore;
  readonly faults: FaultState;
  noteFault(kind: Kind): void;
}

/** What an object store says for a signed link past its lifetime. */
const expiredXml = (status: 403 | 404): string =>
  status === 403
    ? '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>\n'
    : '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>\n';

/** A 200 page where an image was promised, e.g. a CDN's login or "link expired" page. */
const NOT_AN_IMAGE = '<!DOCTYPE html>\n<html><head><title>Link expired</title></head><body><h1>This link has expired</h1></body></html>\n';

export async function serveFile(name: string, deps: FileRouteDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const early = deps.faults.take('files', EARLY_KINDS);
  if (early) deps.noteFault(early.kind);
  if (early?.kind === 'slow' && !(await waitUnlessClosed(early.ms, res))) return;
  if (early && applyEarlyFault(early, 'openai', req, res)) return;

  const stored = deps.files.get(name);
  if (!stored) {
    writeBytes(res, 404, 'text/html', Buffer.from(nginxPage(404)), { server: 'nginx' });
    return;
  }
  const late = deps.faults.take('files', ['truncatedBody', 'expiredUrl', 'urlNotImage']);
  if (late) deps.noteFault(late.kind);
  let behaviour: FileBehaviour = stored.behaviour;
  if (late?.kind === 'expiredUrl') behaviour = { kind: 'expired', status: late.status ?? 404 };
  if (late?.kind === 'urlNotImage') behaviour = { kind: 'html' };

  if (behaviour.kind === 'expired') {
    writeBytes(res, behaviour.status, 'application/xml', Buffer.from(expiredXml(behaviour.status)));
  } else if (behaviour.kind === 'html') {
    writeBytes(res, 200, 'text/html; charset=utf-8', Buffer.from(NOT_AN_IMAGE));
  } else if (late?.kind === 'truncatedBody') {
    writeTruncated(res, 200, stored.image.mimeType, stored.image.bytes);
  } else {
    writeBytes(res, 200, stored.image.mimeType, stored.image.bytes, { 'cache-control': 'private, max-age=3600' });
  }
}
