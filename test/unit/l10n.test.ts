import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { BUILTIN_MODELS } from '../../src/core/catalog/builtinModels';

/** Every user-facing string has a Simplified Chinese translation: the l10n bundle and package.nls. */

const root = path.resolve(__dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

function unquote(literal: string): string {
  return literal.slice(1, -1).replace(/\\(['"`\\])/g, '$1');
}

const bundle: Record<string, string> = JSON.parse(readFileSync(path.join(root, 'l10n/bundle.l10n.zh-cn.json'), 'utf8'));

test('every vscode.l10n.t string literal in src has a zh-cn translation', () => {
  const missing: string[] = [];
  let found = 0;
  for (const file of sourceFiles(path.join(root, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/l10n\.t\(\s*('(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|`(?:\\.|[^`\\])*`)/g)) {
      found++;
      const key = unquote(match[1]!);
      if (!(key in bundle)) {
        missing.push(`${path.relative(root, file)}: ${key}`);
      }
    }
  }
  assert.ok(found > 40, `only ${found} strings found: the scan is broken`);
  assert.deepEqual(missing, []);
});

test('translations keep their placeholders', () => {
  for (const [english, chinese] of Object.entries(bundle)) {
    const placeholders = (s: string) => (s.match(/\{\d+\}/g) ?? []).sort().join(',');
    assert.equal(placeholders(chinese), placeholders(english), english);
  }
});

test('catalog labels and summaries are translated', () => {
  const missing: string[] = [];
  for (const model of BUILTIN_MODELS) {
    const texts = [model.summary, ...model.options.flatMap((o) => [o.label, ...(o.kind === 'enum' ? o.choices.map((c) => c.label ?? '') : [])])];
    for (const text of texts.filter(Boolean)) {
      if (!(text in bundle)) {
        missing.push(text);
      }
    }
  }
  assert.deepEqual([...new Set(missing)], []);
});

test('package.nls.json and package.nls.zh-cn.json cover every %key% in package.json', () => {
  const manifest = readFileSync(path.join(root, 'package.json'), 'utf8');
  const keys = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]!);
  assert.ok(keys.length >= 10);
  for (const file of ['package.nls.json', 'package.nls.zh-cn.json']) {
    const nls: Record<string, string> = JSON.parse(readFileSync(path.join(root, file), 'utf8'));
    assert.deepEqual(keys.filter((k) => !(k in nls)), [], file);
  }
});
