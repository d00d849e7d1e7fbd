import * as assert from 'node:assert/strict';
import { readdir, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { GenerateOutcome } from '../../src/commands/generateImage';
import type { DmxApiImageStudioApi } from '../../src/extension';
import {
  activateExtension,
  assertDone,
  generate,
  removeIfPresent,
  setSetting,
  useFakeDmxApi,
  workspaceFolder,
} from './support/extensionUnderTest';
import { assertFailed, closeAllEditors, untitledMarkdown, waitFor } from './support/failures';

/**
 * The key lives in SecretStorage or the environment only. With a key no other suite uses, generations that
 * succeed, fail, echo the key back and fall back to the rescue folder leave it in no setting, no file the
 * extension wrote, no saved image, no outcome and no log line.
 */

const CANARY = 'sk-canary-5e1d7c3b9a2f4e6d8c0b';

/** Every file under `root` (skipping what cannot be read), with its bytes. */
async function filesUnder(root: string): Promise<Array<{ file: string; bytes: Buffer }>> {
  const found: Array<{ file: string; bytes: Buffer }> = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        await walk(full);
      } else if (entry.isFile() && (await stat(full)).size < 64 * 1024 * 1024) {
        found.push({ file: full, bytes: await readFile(full).catch(() => Buffer.alloc(0)) });
      }
    }
  };
  await walk(root);
  return found;
}

/** The files under `root` holding the key, as UTF-8 or UTF-16 (SQLite state can use either). */
async function filesHoldingKey(root: string): Promise<string[]> {
  const needles = [Buffer.from(CANARY, 'utf8'), Buffer.from(CANARY, 'utf16le')];
  return (await filesUnder(root)).filter(({ bytes }) => needles.some((n) => bytes.includes(n))).map(({ file }) => file);
}

suite('Security: the key never leaks', () => {
  const fake = useFakeDmxApi();
  let api: DmxApiImageStudioApi;
  const outcomes: GenerateOutcome[] = [];
  const assets = () => vscode.Uri.joinPath(workspaceFolder(), 'assets');
  const run = async (prompt: string): Promise<GenerateOutcome> => {
    const outcome = await generate({ prompt });
    outcomes.push(outcome);
    return outcome;
  };

  suiteSetup(async () => {
    api = await activateExtension();
    await removeIfPresent(assets());
  });

  suiteTeardown(async () => {
    await removeIfPresent(assets());
    await removeIfPresent(api.keptImagesUri);
  });

  setup(async () => {
    await setSetting('maxRetries', 0);
    process.env.DMXAPI_API_KEY = CANARY;
    await untitledMarkdown();
  });

  teardown(async () => {
    await closeAllEditors();
  });

  test('the key goes to the server in the header only, and generations succeed with it', async () => {
    assertDone(await run('canary gemini'));
    await setSetting('model', 'nano-banana-2');
    await setSetting('modelOptions', { 'nano-banana-2': { responseFormat: 'url' } });
    assertDone(await run('canary url download'));
    await setSetting('model', 'gpt-image-1');
    await setSetting('modelOptions', { 'gpt-image-1': { outputFormat: 'jpeg' } });
    assertDone(await run('canary jpeg'));
    const generation = fake.requests.filter((r) => !r.path.startsWith('/files/'));
    assert.equal(generation[0]!.headers['x-goog-api-key'], CANARY);
    assert.equal(generation[1]!.headers.authorization, `Bearer ${CANARY}`);
    const download = fake.requests.find((r) => r.path.startsWith('/files/'));
    assert.ok(download, 'no download');
    assert.ok(!JSON.stringify(download).includes(CANARY), 'the key was sent to the image host');
    for (const request of fake.requests) {
      assert.ok(!JSON.stringify(request.body ?? '').includes(CANARY), `the key is in the body of ${request.path}`);
    }
  });

  test('a 401 and a 403 whose messages echo the key: the user sees *** instead', async () => {
    fake.setFault({ kind: 'status', status: 401, message: `Incorrect API key provided: ${CANARY}.` });
    const unauthorized = assertFailed(await run('echo 401'));
    assert.equal(unauthorized.kind, 'auth');
    fake.setFault({ kind: 'status', status: 403, message: `Key ${CANARY} may not use this model.` });
    const forbidden = assertFailed(await run('echo 403'));
    assert.match(forbidden.message, /\(Key \*\*\* may not use this model\.\)$/);
    await setSetting('model', 'gpt-image-1');
    fake.setFault({ kind: 'status', status: 400, message: `bad size for key ${CANARY}` });
    const bad = assertFailed(await run('echo 400'));
    assert.match(bad.message, /\(bad size for key \*\*\*\)/);
  });

  test('a save failure keeps the image in the extension storage, without the key', async () => {
    // The images saved so far stay in assets/ for the grep; this generation aims at a file instead of a folder.
    const blocked = vscode.Uri.joinPath(workspaceFolder(), 'blocked');
    await vscode.workspace.fs.writeFile(blocked, new TextEncoder().encode('a file where the folder should be'));
    await setSetting('assetsFolder', 'blocked');
    try {
      const failure = assertFailed(await run('canary kept'));
      assert.equal(failure.kind, 'saveFailed');
      assert.equal((await vscode.workspace.fs.readDirectory(api.keptImagesUri)).length, 1);
    } finally {
      await removeIfPresent(blocked);
    }
  });

  test('grep: no outcome, workspace file, setting, kept image, saved image or log file holds the key', async () => {
    assert.ok(outcomes.length > 0, 'no outcomes: run the whole suite');
    for (const outcome of outcomes) {
      assert.ok(!JSON.stringify(outcome).includes(CANARY), `an outcome holds the key: ${JSON.stringify(outcome)}`);
    }

    // The log is written asynchronously: wait for the last failure's echo to reach the file.
    const logFiles = async () => filesUnder(api.logUri.fsPath);
    // A test that creates (and disposes) another output channel named like the extension's shares its log file
    // and stops it: test doubles use a logger of their own.
    await waitFor(
      async () => (await logFiles()).some(({ bytes }) => bytes.includes('bad size for key')),
      `the 400 to reach the log file in ${api.logUri.fsPath}`,
      15_000,
    );
    const log = (await logFiles()).map(({ bytes }) => bytes.toString('utf8')).join('\n');
    assert.ok(!log.includes(CANARY), 'the log holds the key');
    assert.match(log, /Incorrect API key provided: \*\*\*/, 'the echoed 401 did not reach the log');
    assert.match(log, /bad size for key \*\*\*/);
    assert.match(log, /generate: model=gemini-3\.1-flash-image-preview/);

    const images = (await vscode.workspace.fs.readDirectory(assets())).filter(([name]) => /\.(png|jpg)$/.test(name));
    assert.equal(images.length, 3, 'the saved images are not there to be searched');
    assert.deepEqual(await filesHoldingKey(workspaceFolder().fsPath), [], 'workspace files (settings, assets, sidecars)');
    assert.deepEqual(await filesHoldingKey(api.keptImagesUri.fsPath), [], 'kept images');
    // The user data folder holds the user settings, the global and workspace storage and every log.
    const userData = vscode.Uri.joinPath(api.keptImagesUri, '..', '..', '..', '..').fsPath;
    const settings = await readFile(path.join(userData, 'User', 'settings.json'), 'utf8');
    assert.ok(settings.length > 0, `${userData} is not the user data folder`);
    assert.deepEqual(await filesHoldingKey(userData), [], 'user data: settings, storage, logs');
    const workspaceSettings = vscode.workspace.getConfiguration('dmxapi').inspect('apiKey');
    assert.equal(workspaceSettings?.globalValue ?? workspaceSettings?.workspaceValue, undefined, 'a dmxapi.apiKey setting exists');
  }).timeout(60_000);
});
