import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { build } from 'esbuild';

/**
 * The studio page loads nothing remote and runs no inline code: its HTML (built in src/panel/studioHtml.ts) has
 * a strict CSP with a nonce on every script, no inline event handlers and no remote sources, and the webview
 * bundle, built here from src/webview exactly as the extension ships it, neither writes HTML strings nor loads
 * scripts.
 */

const root = path.resolve(__dirname, '../../..');
const htmlSource = readFileSync(path.join(root, 'src/panel/studioHtml.ts'), 'utf8');

/** The HTML template literal returned by the page builder. */
function pageTemplate(): string {
  const start = htmlSource.indexOf('`<!DOCTYPE html>');
  assert.ok(start >= 0, 'no <!DOCTYPE html> template in studioHtml.ts');
  const end = htmlSource.indexOf('</html>`', start);
  assert.ok(end > start, 'the template does not end with </html>');
  return htmlSource.slice(start + 1, end + '</html>'.length);
}

/** The CSP directives, from the array the builder joins into the meta tag. */
function cspDirectives(): string[] {
  const block = /const csp = \[([\s\S]*?)\]\.join\('; '\)/.exec(htmlSource)?.[1];
  assert.ok(block, 'no `const csp = [...]` in studioHtml.ts');
  return [...block.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
}

/** Inline handlers such as `onclick=` or `onerror =` inside an HTML tag. */
const INLINE_HANDLER = /<[a-z][^>]*\son[a-z]+\s*=/i;
const REMOTE = /https?:\/\/|\/\/[a-z0-9.-]+\.[a-z]{2,}/i;

describe('studio page HTML', () => {
  test('CSP: default-src none, scripts only by nonce, nothing remote, nothing unsafe', () => {
    const directives = cspDirectives();
    assert.equal(directives[0], `default-src 'none'`);
    const script = directives.filter((d) => d.startsWith('script-src'));
    assert.deepEqual(script, [`script-src 'nonce-\${nonce}'`]);
    for (const directive of directives) {
      assert.doesNotMatch(directive, /unsafe-inline|unsafe-eval|unsafe-hashes|\*|data:|blob:/, directive);
      assert.doesNotMatch(directive, REMOTE, directive);
    }
    assert.ok(!directives.some((d) => d.startsWith('connect-src') || d.startsWith('frame-src')), 'the page may open connections or frames');
  });

  test('the nonce is 16 random bytes, new for every page', () => {
    assert.match(htmlSource, /const nonce = randomBytes\((1[6-9]|[2-9]\d)\)\.toString\('base64'\)/);
    const builder = htmlSource.slice(htmlSource.indexOf('export function studioHtml'));
    assert.ok(builder.includes('const nonce = randomBytes('), 'the nonce is not made inside the page builder');
  });

  test('every script carries the nonce and loads only our bundle; no inline handlers, no remote URLs', () => {
    const html = pageTemplate();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.ok(scripts.length >= 1);
    for (const tag of scripts) {
      assert.match(tag, /\snonce="\$\{nonce\}"/, tag);
      const src = /\ssrc="([^"]*)"/.exec(tag)?.[1];
      if (src !== undefined) {
        assert.match(src, /^\$\{escapeAttribute\(asset\('dist', 'webview\.js'\)\)\}$/, tag);
      }
    }
    assert.doesNotMatch(html, INLINE_HANDLER);
    assert.doesNotMatch(html, REMOTE);
    assert.doesNotMatch(html, /javascript:/i);
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
