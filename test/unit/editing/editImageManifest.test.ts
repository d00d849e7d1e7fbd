import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { IMAGE_LINK_LANGUAGES } from '../../../src/core/paths/imageLinks';

/**
 * package.json names, statically, the languages whose image links Edit Image acts on: in the editor menu's `when`
 * and as activation events, so the light bulb's Edit Image is there before any DMXAPI command has run. Both must
 * be the languages the link reader knows.
 */

const root = path.resolve(__dirname, '../../../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

test('the editor menu offers Edit Image… in exactly the languages that have an image syntax', () => {
  const entry = manifest.contributes.menus['editor/context'].find((item: { command: string }) => item.command === 'dmxapi.editImage');
  assert.ok(entry, 'dmxapi.editImage is not in the editor context menu');
  const listed = /^editorLangId =~ \/\^\(([^)]+)\)\$\/$/.exec(entry.when);
  assert.ok(listed, `unexpected when clause: ${entry.when}`);
  assert.deepEqual([...listed[1].split('|')].sort(), [...IMAGE_LINK_LANGUAGES].sort());
});

test('the extension activates on each of those languages, so the code action on a link is offered at once', () => {
  const languages = (manifest.activationEvents as string[])
    .filter((event) => event.startsWith('onLanguage:'))
    .map((event) => event.slice('onLanguage:'.length));
  assert.deepEqual(languages.sort(), [...IMAGE_LINK_LANGUAGES].sort());
});
