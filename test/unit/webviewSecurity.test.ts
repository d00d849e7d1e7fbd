import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { build, type Plugin } from 'esbuild';

/**
 * The studio page loads nothing remote and runs no inline code. The page is the HTML that src/panel/studioHtml.ts
 * really produces (bundled here with a minimal `vscode` stand-in and called twice), not its source text; the webview
 * bundle is built from src/webview exactly as the extension ships it, and neither writes HTML strings nor loads
 * scripts.
 */

const root = path.resolve(__dirname, '../../..');

/** Just what studioHtml touches of the `vscode` API: file URIs, webview URIs, the display language, l10n. */
const vscodeStandIn = `
const join = (base, ...parts) => ({ ...base, path: [base.path, ...parts].join('/'), toString() { return this.scheme + '://' + this.authority + this.path; } });
module.exports = {
  Uri: { joinPath: join, file: (p) => join({ scheme: 'file', authority: '', path: '' }, p) },
  env: { language: 'en' },
  l10n: { t: (message) => message },
};`;

const stubVscode: Plugin = {
  name: 'stub-vscode',
  setup(b) {
    b.onResolve({ filter: /^vscode$/ }, () => ({ path: 'vscode', namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: vscodeStandIn, loader: 'js' }));
  },
};

type StudioHtml = (webview: unknown, extensionUri: unknown) => string;

/** Bundles studioHtml.ts with the stand-in and loads it as a CommonJS module. */
async function loadStudioHtml(): Promise<StudioHtml> {
  const result = await build({
    entryPoints: [path.join(root, 'src/panel/studioHtml.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'silent',
    plugins: [stubVscode],
  });
  const module = { exports: {} as { studioHtml?: StudioHtml } };
  new Function('module', 'exports', 'require', result.outputFiles[0]!.text)(module, module.exports, require);
  assert.equal(typeof module.exports.studioHtml, 'function', 'studioHtml.ts exports no studioHtml()');
  return module.exports.studioHtml!;
}

/** A webview as VS Code hands it to the panel: its URIs are served from its own origin. */
const CSP_SOURCE = 'https://webview.vscode-cdn.test';
const webview = {
  cspSource: CSP_SOURCE,
  asWebviewUri: (uri: { path: string }) => ({ toString: () => `${CSP_SOURCE}${uri.path}` }),
};
const extensionUri = { scheme: 'file', authority: '', path: '/ext' };

/** The `Content-Security-Policy` meta tag's directives, keyed by name. */
function csp(html: string): Map<string, string[]> {
  const metas = [...html.matchAll(/<meta\s[^>]*http-equiv="Content-Security-Policy"[^>]*>/gi)].map((m) => m[0]);
  assert.equal(metas.length, 1, 'exactly one CSP meta tag');
  const content = /\scontent="([^"]*)"/.exec(metas[0]!)?.[1]?.replace(/&#39;|&apos;/g, "'");
  assert.ok(content, 'the CSP meta tag has no content');
  const directives = new Map<string, string[]>();
  for (const part of content.split(';').map((d) => d.trim()).filter(Boolean)) {
    const [name, ...sources] = part.split(/\s+/);
    assert.ok(!directives.has(name!), `${name} given twice`);
    directives.set(name!, sources);
  }
  return directives;
}

/** Every `<script …>` start tag with its attributes, and what it holds. */
function scripts(html: string): Array<{ tag: string; nonce: string | undefined; src: string | undefined; type: string | undefined; body: string }> {
  return [...html.matchAll(/(<script\b[^>]*>)([\s\S]*?)<\/script>/gi)].map(([, tag, body]) => ({
    tag: tag!,
    nonce: /\snonce="([^"]*)"/.exec(tag!)?.[1],
    src: /\ssrc="([^"]*)"/.exec(tag!)?.[1],
    type: /\stype="([^"]*)"/.exec(tag!)?.[1],
    body: body!,
  }));
}

const INLINE_HANDLER = /<[a-z][^>]*\son[a-z]+\s*=/i;

describe('studio page HTML, as studioHtml() produces it', () => {
  let first = '';
  let second = '';

  before(async () => {
    const studioHtml = await loadStudioHtml();
    first = studioHtml(webview, extensionUri);
    second = studioHtml(webview, extensionUri);
  });

  test('CSP: default-src none; scripts only by this page\'s nonce; nothing inline, unsafe or remote', () => {
    const directives = csp(first);
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    const nonce = scripts(first)[0]?.nonce;
    assert.ok(nonce, 'no script with a nonce');
    assert.deepEqual(directives.get('script-src'), [`'nonce-${nonce}'`], 'script-src allows more than the nonce');
    for (const [name, sources] of directives) {
      for (const source of sources) {
        assert.doesNotMatch(source, /unsafe-inline|unsafe-eval|unsafe-hashes|^\*$|^data:|^blob:|^https?:$/, `${name} ${source}`);
        if (/^https?:\/\//.test(source)) assert.equal(source, CSP_SOURCE, `${name} allows a remote origin: ${source}`);
      }
    }
    assert.ok(!directives.has('connect-src') && !directives.has('frame-src'), 'the page may open connections or frames');
  });

  test('two pages have different nonces, each long enough to be unguessable', () => {
    const nonceOf = (html: string) => {
      const script = csp(html).get('script-src')?.[0] ?? '';
      return /^'nonce-(.+)'$/.exec(script)?.[1] ?? '';
    };
    const [a, b] = [nonceOf(first), nonceOf(second)];
    assert.ok(Buffer.from(a, 'base64').length >= 16, `nonce "${a}" holds fewer than 16 bytes`);
    assert.notEqual(a, b, 'two pages share a nonce');
  });

  test('every <script> carries the page\'s nonce; the only executable one loads our bundle', () => {
    const nonce = /^'nonce-(.+)'$/.exec(csp(first).get('script-src')?.[0] ?? '')?.[1];
    const all = scripts(first);
    assert.ok(all.length >= 1);
    assert.equal((first.match(/<script\b/gi) ?? []).length, all.length, 'an unclosed or odd <script> tag');
    for (const script of all) {
      assert.equal(script.nonce, nonce, script.tag);
      if (script.type === 'application/json') continue;
      assert.equal(script.src, `${CSP_SOURCE}/ext/media/dist/webview.js`, `${script.tag} is not the bundle`);
      assert.equal(script.body.trim(), '', 'an inline script');
    }
  });

  test('no inline handlers, no javascript: URLs, no remote addresses', () => {
    assert.doesNotMatch(first, INLINE_HANDLER);
    assert.doesNotMatch(first, /javascript:/i);
    const addresses = [...first.matchAll(/https?:\/\/[^\s"'<>;]+/g)].map((m) => m[0]);
    assert.deepEqual(addresses.filter((a) => !a.startsWith(`${CSP_SOURCE}/`) && a !== CSP_SOURCE), []);
  });
});

describe('webview bundle', () => {
  let bundle = '';

  before(async () => {
    const result = await build({
      entryPoints: [path.join(root, 'src/webview/main.ts')],
      bundle: true,
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
      minify: true,
      write: false,
      logLevel: 'silent',
    });
    bundle = result.outputFiles[0]!.text;
    assert.ok(bundle.length > 10_000, 'the bundle is suspiciously small');
  });

  test('writes no HTML strings: no innerHTML, outerHTML, insertAdjacentHTML or document.write', () => {
    assert.doesNotMatch(bundle, /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write/);
  });

  test('adds no inline handlers: no on… attributes set, none in HTML strings', () => {
    assert.doesNotMatch(bundle, /setAttribute\(\s*["'`]on[a-z]/i);
    assert.doesNotMatch(bundle, /["'`]<[a-z][^"'`>]*\son[a-z]+\s*=/i);
  });

  test('loads no scripts: no script elements, imports or workers from URLs', () => {
    assert.doesNotMatch(bundle, /createElement\(\s*["'`]script["'`]\s*\)/);
    assert.doesNotMatch(bundle, /importScripts|new Worker|import\(\s*["'`]https?:/);
    assert.doesNotMatch(bundle, /\bsrc\s*[:=]\s*["'`]https?:/);
  });

  test('the webview sources call no eval, build no functions from strings, set no on… attributes', () => {
    const dir = path.join(root, 'src/webview');
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(path.join(dir, name), 'utf8');
      assert.doesNotMatch(text, /\beval\(|new Function\(|setTimeout\(\s*["'`]/, name);
      assert.doesNotMatch(text, /attrs:\s*\{[^}]*\bon[a-z]+\s*:/i, `${name} sets an on… attribute`);
    }
  });
});
