import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(__dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(file) : entry.name.endsWith('.ts') ? [file] : [];
  });
}

/** The two places allowed to call VS Code directly: the wrapper itself and activation's stand-ins, which only load the real commands. */
const ALLOWED = new Set(['src/failures/failableCommand.ts', 'src/extension.ts']);

test('every command is registered through the one wrapper, so no failure ends in VS Code’s generic error', () => {
  const bare = sources(path.join(root, 'src'))
    .map((file) => path.relative(root, file).split(path.sep).join('/'))
    .filter((file) => !ALLOWED.has(file) && /\bcommands\.registerCommand\(/.test(readFileSync(path.join(root, file), 'utf8')));
  assert.deepEqual(bare, []);
});
