import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** `<`, `>` and `&` escaped, so JSON inside a `<script>` element can never close it. */
export function jsonForHtml(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const escapeAttribute = (text: string): string =>
  text.replace(/[&"<>]/g, (c) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[c]!);

/**
 * The studio page: a strict CSP (only our own files, scripts by nonce), the codicon font, the stylesheet and the
 * bundle. The state arrives after the `ready` handshake; the page starts with only what it shows while loading.
 */
export function studioHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const asset = (...segments: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', ...segments)).toString();
  const csp = [
    `default-src 'none'`,
    `img-src ${webview.cspSource}`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const title = vscode.l10n.t('Image Studio');
  const boot = { title, loading: vscode.l10n.t('Loading…') };
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(vscode.env.language)}">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${escapeAttribute(asset('dist', 'codicon.css'))}" id="vscode-codicon-stylesheet">
  <link rel="stylesheet" href="${escapeAttribute(asset('studio.css'))}">
  <link rel="stylesheet" href="${escapeAttribute(asset('editing.css'))}">
  <title>${escapeAttribute(title)}</title>
</head>
<body>
  <main id="studio" aria-busy="true"></main>
  <script nonce="${nonce}" type="application/json" id="studio-boot">${jsonForHtml(boot)}</script>
  <script nonce="${nonce}" src="${escapeAttribute(asset('dist', 'webview.js'))}"></script>
</body>
</html>`;
}
