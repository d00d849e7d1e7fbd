import * as assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, symlink, unlink } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DmxApiImageStudioApi } from '../../src/extension';
import type { GenerationJob } from '../../src/generation/generationJob';
import { tinyPng } from '../support/images';
import {
  activateExtension,
  assertDone,
  generate,
  listFolder,
  removeIfPresent,
  setSetting,
  useFakeDmxApi,
  workspaceFolder,
} from './support/extensionUnderTest';
import { dismissQuickInput } from './support/fakes';
import { assertFailed, assertMessage, closeAllEditors, jobFor, untitledMarkdown } from './support/failures';

/**
 * Bad input never costs a request: each case is refused with a clear message (in the display language) before
 * anything is sent, and nothing is written outside the workspace.
 */

suite('Bad input through Generate Image: refused before sending', () => {
  const fake = useFakeDmxApi();
  const assets = () => vscode.Uri.joinPath(workspaceFolder(), 'assets');
  /** The folder that holds the workspace folder: nothing may appear there. */
  const outside = () => vscode.Uri.joinPath(workspaceFolder(), '..');

  setup(async () => {
    await removeIfPresent(assets());
    await untitledMarkdown();
  });

  teardown(async () => {
    await closeAllEditors();
  });

  test('a whitespace prompt is not sent: the input box asks for one, and backing out sends nothing', async () => {
    assert.deepEqual(await dismissQuickInput(generate({ prompt: ' \t\n ' })), { status: 'cancelled' });
    assert.equal(fake.requests.length, 0);
  });

  test('a prompt over the model limit (1001 emoji for DALL·E 2, counted as characters, not UTF-16 units)', async () => {
    await setSetting('model', 'dall-e-2');
    const failure = assertFailed(await generate({ prompt: '🐱'.repeat(1001) }));
    assert.equal(failure.kind, 'invalidRequest');
    assertMessage(failure, 'Nothing was sent.', 'The prompt has 1001 characters; this model takes at most 1000. Shorten it.');
    assert.deepEqual(failure.actions, ['showLog']);
    assert.equal(fake.requests.length, 0);
  });

  // A ratio or resolution the model lacks is made at its nearest size: modelsAndLinks.test.ts.

  test('an option value the model lacks, from dmxapi.modelOptions: names the allowed values, offers Open Settings', async () => {
    await setSetting('model', 'dall-e-3');
    await setSetting('modelOptions', { 'dall-e-3': { style: 'anime' } });
    const failure = assertFailed(await generate({ prompt: 'anime' }));
    assert.equal(failure.kind, 'invalidRequest');
    assertMessage(failure, 'Option style cannot be "anime" here. Allowed: vivid, natural.');
    assert.equal(failure.setting, 'dmxapi.modelOptions');
    assert.deepEqual(failure.actions, ['openSettings', 'showLog']);
    assert.equal(fake.requests.length, 0);
  });

  test('an option the model does not have at all, from dmxapi.modelOptions', async () => {
    await setSetting('model', 'dall-e-3');
    await setSetting('modelOptions', { 'dall-e-3': { seed: 42 } });
    const failure = assertFailed(await generate({ prompt: 'seeded' }));
    assertMessage(failure, 'This model has no option "seed". Remove it from dmxapi.modelOptions.');
    assert.equal(fake.requests.length, 0);
  });

  test('dmxapi.assetsFolder through a symbolic link to a folder outside the workspace: refused, nothing written there', async () => {
    const elsewhere = await mkdtemp(path.join(os.tmpdir(), 'linked-assets-'));
    const link = vscode.Uri.joinPath(workspaceFolder(), 'linked-assets');
    await symlink(elsewhere, link.fsPath);
    try {
      await setSetting('assetsFolder', 'linked-assets/images');
      const failure = assertFailed(await generate({ prompt: 'through the link' }));
      assert.equal(failure.kind, 'preflight', JSON.stringify(failure));
      assertMessage(failure, 'dmxapi.assetsFolder points outside the workspace', elsewhere);
      assert.equal(fake.requests.length, 0);
      assert.deepEqual(await readdir(elsewhere), [], 'something was written through the link');
    } finally {
      await unlink(link.fsPath);
      await rm(elsewhere, { recursive: true, force: true });
    }
  });

  for (const setting of ['../..', '../outside', 'assets/../../outside', '/tmp/dmxapi-elsewhere', '${documentWorkspaceFolder}/../outside']) {
    test(`dmxapi.assetsFolder "${setting}" escapes the workspace: refused, nothing written outside`, async () => {
      const before = await listFolder(outside());
      await setSetting('assetsFolder', setting);
      const failure = assertFailed(await generate({ prompt: 'escape' }));
      assert.equal(failure.kind, 'preflight');
      assertMessage(failure, 'dmxapi.assetsFolder points outside the workspace', 'Use a folder inside it');
      assert.equal(failure.setting, 'dmxapi.assetsFolder');
      assert.deepEqual(failure.actions, ['openSettings']);
      assert.equal(fake.requests.length, 0);
      assert.deepEqual(await listFolder(outside()), before, 'something was written next to the workspace');
      assert.deepEqual(await listFolder(vscode.Uri.file('/tmp/dmxapi-elsewhere')), []);
    });
  }

  for (const baseUrl of ['not a url', 'ftp://www.dmxapi.cn', 'https://www.dmxapi.cn/?key=1']) {
    test(`dmxapi.baseUrl "${baseUrl}" is refused before sending`, async () => {
      await setSetting('baseUrl', baseUrl);
      const failure = assertFailed(await generate({ prompt: 'x' }));
      assert.equal(failure.kind, 'preflight');
      assertMessage(failure, `"${baseUrl}" is not an http(s) URL such as https://www.dmxapi.cn`);
      assert.equal(failure.setting, 'dmxapi.baseUrl');
      assert.deepEqual(failure.actions, ['openSettings']);
      assert.equal(fake.requests.length, 0);
    });
  }

  // 0.0.0.0 reaches this machine's fake server on Linux but is not a loopback name: without the rule, the key goes.
  const credentialsAndCleartext: ReadonlyArray<[string, () => string, string, string]> = [
    ['a password without a user name', () => fake.url.replace('http://', 'http://:secret@'), 'carries a user name or password', 'a password in the URL would be sent'],
    ['a user name and a password', () => 'https://user:secret@www.dmxapi.cn', 'carries a user name or password', 'a password in the URL would be sent'],
    ['http: to a host that is not loopback', () => fake.url.replace('127.0.0.1', '0.0.0.0'), 'so your API key would travel in clear text', 'http: is allowed only for localhost'],
  ];
  for (const [label, baseUrl, ...says] of credentialsAndCleartext) {
    test(`dmxapi.baseUrl with ${label} is refused before sending, and the message says why`, async () => {
      await setSetting('baseUrl', baseUrl());
      const failure = assertFailed(await generate({ prompt: 'x' }));
      assert.equal(failure.kind, 'preflight', JSON.stringify(failure));
      assertMessage(failure, ...says);
      assert.ok(!failure.message.includes('secret'), `the password is shown: ${failure.message}`);
      assert.equal(failure.setting, 'dmxapi.baseUrl');
      assert.equal(fake.requests.length, 0);
    });
  }

  const names: ReadonlyArray<[string, string, RegExp]> = [
    ['path and reserved characters', 'a/b\\c:d*e?f"g<h>i|j', /^a-b-c-d-e-f-g-h-i-j-\d{8}-\d{6}\.png$/],
    ['control characters', 'bell\u0007null\u0000tab\tnew\nline\u001b[31m', /^bell-null-tab-new-line-31m-\d{8}-\d{6}\.png$/],
    ['emoji only', '🦊🔥🌧️', /^image-\d{8}-\d{6}\.png$/],
    ['dots and a reserved device name', '../../con', /^image-con-\d{8}-\d{6}\.png$/],
    ['500 characters of Chinese', '山水'.repeat(250), /^(山水){24}-\d{8}-\d{6}\.png$/],
    // 4 bytes each: 48 of them plus the temporary file's decorations once passed ext4's 255 bytes, and the image was lost.
    ['60 four-byte letters (CJK Extension B)', '\u{20000}'.repeat(60), /^(?:\u{20000}){36}-\d{8}-\d{6}\.png$/u],
    ['60 four-byte letters (Adlam)', '\u{1E900}'.repeat(60), /^(?:\u{1E922}){36}-\d{8}-\d{6}\.png$/u],
  ];
  for (const [what, prompt, expected] of names) {
    test(`a file name from a prompt with ${what} is safe, readable, and inside assets/`, async () => {
      const done = assertDone(await generate({ prompt }));
      const file = done.uris[0]!;
      assert.equal(path.posix.dirname(file.path), assets().path);
      const name = path.posix.basename(file.path);
      assert.match(name, expected);
      assert.ok(Buffer.byteLength(name) <= 255, `${Buffer.byteLength(name)} bytes`);
      assert.deepEqual(await listFolder(assets()), [name]);
      assert.equal((fake.requests[0]!.body as { contents: { parts: { text: string }[] }[] }).contents[0]!.parts[0]!.text, prompt.trim());
    });
  }
});

suite('Bad reference images through the extension API: refused before sending, named', () => {
  const fake = useFakeDmxApi();
  let api: DmxApiImageStudioApi;
  const folder = () => vscode.Uri.joinPath(workspaceFolder(), 'references');
  const file = (name: string) => vscode.Uri.joinPath(folder(), name);
  const write = async (name: string, bytes: Uint8Array) => {
    await vscode.workspace.fs.writeFile(file(name), bytes);
    return file(name);
  };
  const run = (job: GenerationJob) => api.generate(job, undefined, new AbortController().signal);

  /** The translated message of a rejected promise, after checking what kind of error it was. */
  async function refused(promise: Promise<unknown>, kind: string): Promise<string> {
    const error: unknown = await promise.then(
      () => assert.fail('it was accepted'),
      (e: unknown) => e,
    );
    assert.equal((error as { kind?: string }).kind ?? (error as Error).name, kind, String(error));
    return api.describeFailure(error);
  }

  suiteSetup(async () => {
    api = await activateExtension();
  });

  suiteTeardown(async () => {
    await removeIfPresent(folder());
  });

  setup(async () => {
    await removeIfPresent(folder());
  });

  test('a reference file that is not an image is refused by name when read', async () => {
    const uri = await write('notes.txt', new TextEncoder().encode('just text'));
    const message = await refused(api.readReferences([uri]), 'Error');
    assert.equal(message, 'The reference image notes.txt is not a PNG, JPEG, WebP or GIF image.');
  });

  test('bytes that are not an image, given as a reference, are refused by the validation, named', async () => {
    const references = [{ bytes: new TextEncoder().encode('<html>'), mimeType: 'image/png' as const, name: 'page.png' }];
    const message = await refused(run(jobFor('with a fake png', { references })), 'invalidRequest');
    assert.equal(message, 'Nothing was sent. The reference image page.png is not a PNG, JPEG, WebP or GIF image.');
    assert.equal(fake.requests.length, 0);
  });

  test('a reference file deleted after it was chosen is refused, naming the file', async () => {
    const chosen = await write('gone.png', tinyPng());
    await vscode.workspace.fs.delete(chosen);
    const message = await refused(api.readReferences([chosen]), 'Error');
    assert.equal(message, 'The reference image gone.png no longer exists. Attach it again or remove it.');
  });

  test('a reference file over the model size limit (8 MB for Gemini 3.1, limit 7 MB) is refused, named', async () => {
    const big = new Uint8Array(8 * 1024 * 1024);
    big.set(tinyPng());
    const references = await api.readReferences([await write('huge.png', big)]);
    const message = await refused(run(jobFor('with a huge reference', { references })), 'invalidRequest');
    assert.equal(message, 'Nothing was sent. The reference image huge.png is 8.0 MB; this model takes at most 7.0 MB per image.');
    assert.equal(fake.requests.length, 0);
  });

  test('more references than the model takes (4 for Gemini 2.5 Flash Image, at most 3)', async () => {
    const uris = await Promise.all([1, 2, 3, 4].map((n) => write(`ref-${n}.png`, tinyPng())));
    const references = await api.readReferences(uris);
    const job = jobFor('too many references', { model: 'gemini-2.5-flash-image', references });
    const message = await refused(run(job), 'invalidRequest');
    assert.equal(message, 'Nothing was sent. 4 reference images are attached; this model takes at most 3. Remove some.');
    assert.equal(fake.requests.length, 0);
  });

  test('a reference for a model that takes none (DALL·E 3)', async () => {
    const references = await api.readReferences([await write('one.png', tinyPng())]);
    const message = await refused(run(jobFor('no references here', { model: 'dall-e-3', references })), 'invalidRequest');
    assert.equal(message, 'Nothing was sent. dall-e-3 takes no reference images. Remove them or pick a model that does.');
    assert.equal(fake.requests.length, 0);
  });

  test('a hand-edited job: a ratio, a resolution and an option value the model lacks, all named at once', async () => {
    const job = jobFor('edited by hand', { model: 'dall-e-3', aspectRatio: '5:5', resolution: '8K', options: { quality: 'ultra' } });
    const message = await refused(run(job), 'invalidRequest');
    assert.equal(
      message,
      'Nothing was sent. This model does not offer the aspect ratio 5:5. It offers: 1:1, 7:4, 4:7. ' +
        'This model does not offer the resolution 8K. It offers: 1K. Option quality cannot be "ultra" here. Allowed: standard, hd.',
    );
    assert.equal(fake.requests.length, 0);
  });

  test('an empty prompt in a job is refused', async () => {
    const message = await refused(run(jobFor('   ')), 'invalidRequest');
    assert.equal(message, 'Nothing was sent. The prompt is empty. Describe the image to generate.');
    assert.equal(fake.requests.length, 0);
  });
});
