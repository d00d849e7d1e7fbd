import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isInside, resolveAssetsFolder, workspaceAssetsFolder } from '../../../src/core/paths/assetsFolder';

const ctx = { workspaceFolder: '/ws', documentPath: '/ws/docs/guide/page.md' };

describe('resolveAssetsFolder', () => {
  test('relative settings resolve against the workspace folder', () => {
    assert.deepEqual(resolveAssetsFolder('assets', ctx), { ok: true, folder: '/ws/assets' });
    assert.deepEqual(resolveAssetsFolder('docs/img/', ctx), { ok: true, folder: '/ws/docs/img' });
    assert.deepEqual(resolveAssetsFolder('', ctx), { ok: true, folder: '/ws' });
  });

  test('document variables', () => {
    assert.deepEqual(resolveAssetsFolder('${documentDirName}/images', ctx), { ok: true, folder: '/ws/docs/guide/images' });
    assert.deepEqual(resolveAssetsFolder('assets/${documentBaseName}', ctx), { ok: true, folder: '/ws/assets/page' });
    assert.deepEqual(resolveAssetsFolder('assets/${documentRelativeDirName}', ctx), { ok: true, folder: '/ws/assets/docs/guide' });
    assert.deepEqual(resolveAssetsFolder('${documentWorkspaceFolder}/media', ctx), { ok: true, folder: '/ws/media' });
  });

  test('refuses anything outside the workspace', () => {
    for (const setting of ['../..', '../outside', '/etc', 'assets/../../x', '${documentDirName}/../../../up']) {
      const result = resolveAssetsFolder(setting, ctx);
      assert.equal(result.ok, false, setting);
      assert.equal(!result.ok && result.reason, 'escapesWorkspace', setting);
    }
  });

  test('an absolute path inside the workspace is accepted', () => {
    assert.deepEqual(resolveAssetsFolder('/ws/pictures', ctx), { ok: true, folder: '/ws/pictures' });
  });

  test('backslashes are path separators', () => {
    assert.deepEqual(resolveAssetsFolder('docs\\img', ctx), { ok: true, folder: '/ws/docs/img' });
  });

  test('unknown variables and document variables without a document are reported', () => {
    assert.deepEqual(resolveAssetsFolder('${nope}/x', ctx), { ok: false, reason: 'unknownVariable', detail: '${nope}' });
    assert.deepEqual(resolveAssetsFolder('${documentBaseName}', { workspaceFolder: '/ws' }), {
      ok: false,
      reason: 'needsDocument',
      detail: '${documentBaseName}',
    });
  });
});

describe('isInside', () => {
  test('prefix look-alikes are not inside', () => {
    assert.equal(isInside('/ws', '/ws2/a'), false);
    assert.equal(isInside('/ws', '/ws/a'), true);
    assert.equal(isInside('/ws', '/ws'), true);
  });
});

describe('workspaceAssetsFolder: the one rule for the assets folder of a workspace folder', () => {
  test('a setting that needs no document is the folder itself', () => {
    assert.equal(workspaceAssetsFolder('assets', '/ws'), '/ws/assets');
    assert.equal(workspaceAssetsFolder('${documentWorkspaceFolder}/media', '/ws'), '/ws/media');
    assert.equal(workspaceAssetsFolder('.', '/ws'), '/ws');
  });

  test('a setting with document variables gives its leading fixed folders, never the workspace folder itself', () => {
    assert.equal(workspaceAssetsFolder('docs/${documentBaseName}/img', '/ws'), '/ws/docs');
    assert.equal(workspaceAssetsFolder('${documentDirName}/img', '/ws'), undefined);
    assert.equal(workspaceAssetsFolder('./${documentBaseName}', '/ws'), undefined);
  });

  test('a setting that cannot be used gives none', () => {
    assert.equal(workspaceAssetsFolder('../outside', '/ws'), undefined);
    assert.equal(workspaceAssetsFolder('${nope}/img', '/ws'), undefined);
  });
});
