import assert from 'node:assert/strict';
import { test } from 'node:test';
import { droppedFilesMessage } from '../../../src/webview/dropTarget';

const uris = ['file:///w/pictures/dog.png', 'file:///w/pictures/cat.png'];

test('files dropped while generating become reference images', () => {
  assert.deepEqual(droppedFilesMessage(false, uris), { type: 'dropReferences', uris });
});

test('in edit mode the first file dropped becomes the image edited', () => {
  assert.deepEqual(droppedFilesMessage(true, uris), { type: 'openEdit', uri: 'file:///w/pictures/dog.png' });
});

test('a drop without files sends nothing', () => {
  assert.equal(droppedFilesMessage(true, []), undefined);
});
