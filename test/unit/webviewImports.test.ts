import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(__dirname, '..', '..', '..');

/** Every source file `entry` reaches through relative imports (type-only ones too: they are what the bundle may grow into). */
function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) {
      return;
    }
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(/from\s+'(\.[^']+)'/g)) {
      const target = path.resolve(path.dirname(file), `${match[1]}.ts`);
      if (existsSync(target)) {
        visit(target);
      }
    }
  };
  visit(path.join(root, entry));
  return new Set([...seen].map((file) => path.relative(root, file).split(path.sep).join('/')));
}

test('the webview bundle never reaches the built-in catalog: it receives its models in init', () => {
  const files = reachable('src/webview/main.ts');
  assert.ok(files.has('src/shared/studioProtocol.ts'), 'the walk follows the imports');
  assert.deepEqual([...files].filter((file) => file.startsWith('src/core/catalog/') && !/\/(modelSpec|modelSizes|optionRules)\.ts$/.test(file)), []);
});
