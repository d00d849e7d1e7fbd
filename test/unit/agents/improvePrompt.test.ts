import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCatalog } from '../../../src/core/catalog/catalog';
import { cleanImprovedPrompt, improvePromptMessages } from '../../../src/core/prompts/improvePrompt';

const catalog = createCatalog();

test('the instructions name the image model, keep the user\'s language and ask for the prompt only', () => {
  const model = catalog.require('nano-banana-2');
  const [system, user] = improvePromptMessages('一只雪地里的狐狸', model);
  assert.equal(system!.role, 'system');
  assert.match(system!.content, /nano-banana-2/);
  assert.match(system!.content, /same language as the user's prompt/);
  assert.match(system!.content, /improved prompt only/);
  assert.deepEqual(user, { role: 'user', content: '一只雪地里的狐狸' });
});

test('the length limit follows the model', () => {
  const dalle2 = catalog.require('dall-e-2');
  assert.match(improvePromptMessages('x', dalle2)[0]!.content, /at most 1000 characters/);
});

test('wrapping quotes and code fences some models add are taken off', () => {
  assert.equal(cleanImprovedPrompt('  "a fox, soft light"  '), 'a fox, soft light');
  assert.equal(cleanImprovedPrompt('「雪地里的狐狸」'), '雪地里的狐狸');
  assert.equal(cleanImprovedPrompt('```\na fox\n```'), 'a fox');
  assert.equal(cleanImprovedPrompt('a "quoted" word'), 'a "quoted" word');
});
