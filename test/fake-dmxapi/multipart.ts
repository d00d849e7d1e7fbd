/**
 * Reads a `multipart/form-data` body (RFC 7578) the way a web framework in front of `/v1/images/edits` does: the
 * boundary from the Content-Type, each part's Content-Disposition name and filename, its Content-Type, and its
 * bytes exactly as sent. A body that does not parse is a 400, as upstream.
 */

export interface FormFile {
  readonly field: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly bytes: Buffer;
}

export interface FormData {
  /** Text fields in order; a repeated name keeps every value. */
  readonly fields: ReadonlyArray<readonly [name: string, value: string]>;
  readonly files: readonly FormFile[];
}

export type FormParse = { readonly ok: true; readonly form: FormData } | { readonly ok: false; readonly message: string };

const fail = (message: string): FormParse => ({ ok: false, message });

/** `boundary=…` of a multipart/form-data Content-Type, quoted or not. */
export function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) return undefined;
  const match = /;\s*boundary=(?:"([^"]+)"|([^\s;]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2]) : undefined;
}

function headerValue(headers: string, name: string): string | undefined {
  for (const line of headers.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === name) return line.slice(colon + 1).trim();
  }
  return undefined;
}

/** `name="…"` and `filename="…"` of a Content-Disposition; browsers escape quotes and line breaks as %22, %0D, %0A. */
function dispositionParam(disposition: string, param: string): string | undefined {
  const match = new RegExp(`;\\s*${param}="([^"]*)"`, 'i').exec(disposition);
  return match ? match[1]!.replace(/%22/g, '"').replace(/%0D/g, '\r').replace(/%0A/g, '\n') : undefined;
}

export function parseMultipart(contentType: string | undefined, body: Buffer): FormParse {
  const boundary = boundaryOf(contentType);
  if (!boundary) return fail('Content-Type must be multipart/form-data with a boundary.');
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  let at = body.indexOf(delimiter);
  if (at !== 0) return fail('The body does not start with the multipart boundary.');
  const fields: Array<[string, string]> = [];
  const files: FormFile[] = [];
  for (;;) {
    at += delimiter.length;
    if (body.toString('latin1', at, at + 2) === '--') return { ok: true, form: { fields, files } };
    if (body.toString('latin1', at, at + 2) !== '\r\n') return fail('A multipart boundary is not followed by CRLF.');
    const headersEnd = body.indexOf('\r\n\r\n', at + 2, 'latin1');
    if (headersEnd < 0) return fail('A multipart part has no end of headers.');
    const headers = body.toString('utf8', at + 2, headersEnd);
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n', 'latin1'), delimiter]), headersEnd + 4);
    if (next < 0) return fail('The multipart body ends without its closing boundary.');
    const content = body.subarray(headersEnd + 4, next);
    const disposition = headerValue(headers, 'content-disposition');
    const name = disposition === undefined || !/^form-data\b/i.test(disposition) ? undefined : dispositionParam(disposition, 'name');
    if (name === undefined) return fail('A multipart part has no Content-Disposition: form-data name.');
    const fileName = dispositionParam(disposition!, 'filename');
    if (fileName === undefined) fields.push([name, content.toString('utf8')]);
    else files.push({ field: name, fileName, contentType: headerValue(headers, 'content-type') ?? 'application/octet-stream', bytes: Buffer.from(content) });
    at = next + 2;
  }
}
