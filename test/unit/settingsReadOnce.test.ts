import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

/**
 * What `vscode` keeps these modules out of the unit tier, their sources still show: one Generate Image reads the
 * settings once, and an unknown model has one message, the core validation's.
 */

const root = path.resolve(__dirname, '..', '..', '..');
const source = (file: string): string => readFileSync(path.join(root, file), 'utf8');
const calls = (text: string, name: string): number => text.split(`${name}(`).length - 1;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(file) : entry.name.endsWith('.ts') ? [file] : [];
  });
}

test('Generate Image reads the settings once and hands them to the runner, which reads them only when not given', () => {
  const command = source('src/commands/generateImage.ts');
  assert.equal(calls(command, 'readSettings'), 1, 'the command reads the settings in one place');
  assert.match(command, /deps\.runner\.prepareAndRun\([^)]*planned\.read\)/, 'and hands what it read to the run');
  const runner = source('src/generation/generationRunner.ts');
  assert.equal(calls(runner, 'readSettings'), 1, 'the runner reads them in one place');
  assert.match(runner, /read: SettingsRead = readSettings\(scope\)/, 'only when the caller did not');
  assert.doesNotMatch(runner, /this\.prepare\(documentUri\)/, 'run passes on the settings it was given');
});

test('an unknown model is worded once, from the core validation issue', () => {
  const worded = sources(path.join(root, 'src'))
    .filter((file) => /l10n\.t\(\s*'"\{0\}" is not a known model/.test(readFileSync(file, 'utf8')))
    .map((file) => path.relative(root, file).split(path.sep).join('/'));
  assert.deepEqual(worded, ['src/generation/issueMessages.ts']);
});
