import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmod, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import type { DmxApiImageStudioApi } from '../../src/extension';
import { readMetadata } from '../../src/core/metadata/imageMetadata';
import {
  activateExtension,
  assertDone,
  generate,
  listFolder,
  pngSize,
  removeIfPresent,
  TEST_KEY,
  useFakeDmxApi,
  workspaceFolder,
} from './support/extensionUnderTest';
import { assertFailed, assertMessage, closeAllEditors, generationRequests, jobFor, untitledMarkdown, waitFor } from './support/failures';
import { silentLogger } from './support/fakes';

/**
 * An image that arrived costs money: whatever happens to the folder or the document meanwhile, it ends up on
 * disk (in the workspace, or kept in the extension's storage with Save As… and Retry offered), whole, and never
 * over another file.
 */

const run = promisify(execFile);

/** True when a file can be created in `folder` right now. */
async function writable(folder: string): Promise<boolean> {
  const probe = path.join(folder, `.probe-${process.pid}`);
  try {
    await writeFile(probe, 'x');
    await rm(probe);
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes `folder` refuse new files and returns how to undo it. `chmod 0o555` is what a user meets; a process
 * running as root ignores modes, so there the folder is also made immutable (`chattr +i`, ext4 and most Linux
 * file systems).
 */
async function makeReadOnly(folder: string): Promise<() => Promise<void>> {
  await chmod(folder, 0o555);
  let immutable = false;
  if (await writable(folder)) {
    await run('chattr', ['+i', folder]);
    immutable = true;
  }
  assert.equal(await writable(folder), false, `${folder} is still writable`);
  return async () => {
    if (immutable) {
      await run('chattr', ['-i', folder]);
    }
    await chmod(folder, 0o755);
  };
}

async function listFiles(folder: vscode.Uri): Promise<string[]> {
  return (await listFolder(folder)).filter((name) => !name.startsWith('.'));
}

suite('Nothing lost: an image that arrived always ends up on disk', () => {
  const fake = useFakeDmxApi();
  let api: DmxApiImageStudioApi;
  let undo: (() => Promise<void>) | undefined;
  const assets = () => vscode.Uri.joinPath(workspaceFolder(), 'assets');

  suiteSetup(async () => {
    api = await activateExtension();
  });

  setup(async () => {
    await removeIfPresent(assets());
    await removeIfPresent(api.keptImagesUri);
  });

  teardown(async () => {
    await undo?.();
    undo = undefined;
    await closeAllEditors();
    await removeIfPresent(assets());
  });

  test('a read-only assets folder: the image is kept, Save As… and Retry are offered, Retry saves the same bytes once the folder is writable', async () => {
    await vscode.workspace.fs.createDirectory(assets());
    undo = await makeReadOnly(assets().fsPath);
    const editor = await untitledMarkdown();

    const failure = assertFailed(await generate({ prompt: 'kept when read only' }));
    assert.equal(failure.kind, 'saveFailed');
    assertMessage(failure, 'generated but could not be saved into', assets().fsPath, 'kept safe', 'Save As…');
    assert.deepEqual(failure.actions, ['saveAs', 'retry', 'showLog']);
    assert.deepEqual(await listFolder(assets()), [], 'a partial file was left in the read-only folder');

    const kept = await listFiles(api.keptImagesUri);
    assert.equal(kept.length, 1, 'the image is not in the rescue folder');
    // Kept images have short ASCII names, so keeping cannot fail on the name; the prompt is in the metadata.
    assert.match(kept[0]!, /^image-\d{8}-\d{6}\.png$/);
    const keptBytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(api.keptImagesUri, kept[0]!));
    assert.deepEqual(pngSize(keptBytes), { width: 1024 / 16, height: 1024 / 16 });
    assert.equal(readMetadata(keptBytes)?.prompt, 'kept when read only');

    // Still read-only: Retry fails the same way and the image stays kept; nothing is generated again.
    const again = assertFailed(await failure.runAction('retry'));
    assert.equal(again.kind, 'saveFailed');
    assert.equal((await listFiles(api.keptImagesUri)).length, 1);

    await undo();
    undo = undefined;
    const done = assertDone((await again.runAction('retry')) as never);
    assert.equal(generationRequests(fake).length, 1, 'Retry generated again: the image would be paid twice');
    assert.equal(done.uris.length, 1);
    assert.equal(path.posix.dirname(done.uris[0]!.path), assets().path);
    const savedBytes = await vscode.workspace.fs.readFile(done.uris[0]!);
    assert.ok(Buffer.from(savedBytes).equals(Buffer.from(keptBytes)), 'the saved image is not the one that arrived');
    assert.deepEqual(await listFiles(api.keptImagesUri), [], 'the kept copy was not removed after saving');
    assert.equal(editor.document.getText(), done.markdown);
  });

  test('assets/ is a file, not a folder: the image is kept with Save As… and Retry, and the file is untouched', async () => {
    await vscode.workspace.fs.writeFile(assets(), new TextEncoder().encode('not a folder'));
    await untitledMarkdown();
    const failure = assertFailed(await generate({ prompt: 'blocked by a file' }));
    assert.equal(failure.kind, 'saveFailed');
    assert.deepEqual(failure.actions, ['saveAs', 'retry', 'showLog']);
    assert.equal((await listFiles(api.keptImagesUri)).length, 1);
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(assets())), 'not a folder', 'the file in the way was changed');
  });

  test('the assets folder deleted while the request runs is created again and the image saved in it', async () => {
    await vscode.workspace.fs.createDirectory(assets());
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(assets(), 'old.png'), new Uint8Array([1]));
    await untitledMarkdown();
    fake.setDelay(1_500);
    const running = generate({ prompt: 'folder came back' });
    await waitFor(() => fake.requests.length === 1, 'the request');
    await vscode.workspace.fs.delete(assets(), { recursive: true });
    assert.deepEqual(await listFolder(assets()), []);
    const done = assertDone(await running);
    const stat = await vscode.workspace.fs.stat(assets());
    assert.ok(stat.type & vscode.FileType.Directory, 'assets/ was not created again');
    assert.deepEqual(await listFiles(assets()), [path.posix.basename(done.uris[0]!.path)]);
    assert.deepEqual(await listFiles(api.keptImagesUri), [], 'the image was kept instead of saved');
  });

  test('the document closed while the request runs: the image is saved, the link goes to the clipboard, the document is not edited', async () => {
    const file = vscode.Uri.joinPath(workspaceFolder(), 'docs', 'closed-meanwhile.md');
    const original = '# Closed meanwhile\n\nA heron standing in the rain\n';
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(original));
    try {
      const document = await vscode.workspace.openTextDocument(file);
      const editor = await vscode.window.showTextDocument(document);
      editor.selection = new vscode.Selection(2, 0, 2, document.lineAt(2).text.length);
      await vscode.env.clipboard.writeText('before');
      fake.setDelay(1_500);
      const running = generate();
      await waitFor(() => fake.requests.length === 1, 'the request');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      const done = assertDone(await running);

      assert.equal(done.inserted, false);
      assert.match(done.markdown, /^!\[A heron standing in the rain\]\(\.\.\/assets\/a-heron-standing-in-the-rain-\d{8}-\d{6}\.png\)$/);
      assert.equal(await vscode.env.clipboard.readText(), done.markdown);
      assert.deepEqual(await listFiles(assets()), [path.posix.basename(done.uris[0]!.path)]);
      assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)), original, 'the file on disk was edited');
      const inMemory = vscode.workspace.textDocuments.find((d) => d.uri.toString() === file.toString());
      assert.ok(!inMemory || (inMemory.getText() === original && !inMemory.isDirty), 'the closed document was edited in the background');
    } finally {
      await closeAllEditors();
      await removeIfPresent(file);
    }
  });

  test('four generations at once into one folder with one prompt: four files, four names, no partial files', async () => {
    const controller = new AbortController();
    const results = await Promise.all(
      Array.from({ length: 4 }, () => api.generate(jobFor('same prompt at once'), undefined, controller.signal)),
    );
    const uris = results.flatMap((r) => r.images.map((i) => i.uri.toString()));
    assert.equal(new Set(uris).size, 4, `names collided: ${uris.join(', ')}`);
    const names = await listFolder(assets());
    assert.equal(names.length, 4, names.join(', '));
    assert.ok(names.every((n) => /^same-prompt-at-once-\d{8}-\d{6}(-\d+)?\.png$/.test(n)), names.join(', '));
    assert.equal(generationRequests(fake).length, 4);
  });
});

/**
 * A file system that runs out of space part-way through a write, as a full disk does: the bytes written before
 * the error stay behind unless the writer removes them.
 */
class FullDisk implements vscode.FileSystemProvider {
  static readonly scheme = 'dmxapi-full-disk';
  /** Bytes a write may put down before the disk is full. */
  static readonly room = 100;
  readonly files = new Map<string, Uint8Array>();
  private readonly folders = new Set<string>(['/']);
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  stat(uri: vscode.Uri): vscode.FileStat {
    const file = this.files.get(uri.path);
    if (file) {
      return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: file.byteLength };
    }
    if (this.folders.has(uri.path)) {
      return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    }
    throw vscode.FileSystemError.FileNotFound(uri);
  }
  readDirectory(uri: vscode.Uri): [string, vscode.FileType][] {
    const prefix = uri.path.endsWith('/') ? uri.path : `${uri.path}/`;
    return [...this.files.keys()].filter((p) => path.posix.dirname(p) === prefix.slice(0, -1)).map((p) => [path.posix.basename(p), vscode.FileType.File]);
  }
  createDirectory(uri: vscode.Uri): void {
    this.folders.add(uri.path);
  }
  readFile(uri: vscode.Uri): Uint8Array {
    const file = this.files.get(uri.path);
    if (!file) {
      throw vscode.FileSystemError.FileNotFound(uri);
    }
    return file;
  }
  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    this.files.set(uri.path, content.slice(0, FullDisk.room));
    if (content.byteLength > FullDisk.room) {
      throw new vscode.FileSystemError('ENOSPC: no space left on device');
    }
  }
  delete(uri: vscode.Uri): void {
    this.files.delete(uri.path);
  }
  rename(from: vscode.Uri, to: vscode.Uri): void {
    const file = this.readFile(from);
    this.files.delete(from.path);
    this.files.set(to.path, file);
  }
}

suite('Nothing lost: a full disk', () => {
  const fake = useFakeDmxApi();
  let disk: FullDisk;
  let registration: vscode.Disposable;
  let rescue: vscode.Uri;
  const assetsOnDisk = vscode.Uri.from({ scheme: FullDisk.scheme, path: '/assets' });

  suiteSetup(async () => {
    disk = new FullDisk();
    registration = vscode.workspace.registerFileSystemProvider(FullDisk.scheme, disk);
  });

  suiteTeardown(async () => {
    registration.dispose();
  });

  setup(async () => {
    disk.files.clear();
    rescue = vscode.Uri.joinPath(workspaceFolder(), '.kept-for-full-disk-test');
    await removeIfPresent(rescue);
  });

  teardown(async () => {
    await removeIfPresent(rescue);
  });

  test('a write that runs out of space leaves no part of a file behind', async () => {
    const { ImageFileWriter } = await import('../../src/storage/imageFileWriter');
    const writer = new ImageFileWriter();
    await assert.rejects(writer.write(assetsOnDisk, 'big.png', new Uint8Array(1_000)), /ENOSPC/);
    assert.deepEqual([...disk.files.keys()], [], 'a partial file was left on the full disk');
  });

  test('an image that arrives when the disk is full is kept whole in the extension storage, with Save As… and Retry', async () => {
    const { ImageGenerator } = await import('../../src/generation/imageGenerator');
    const { SaveFailedError } = await import('../../src/generation/generationErrors');
    const { createCatalog } = await import('../../src/core/catalog/catalog');
    const { readSettings } = await import('../../src/config/settings');
    const { actionsFor } = await import('../../src/failures/failurePolicy');
    const logger = silentLogger;
    const catalog = createCatalog();
    const generator = new ImageGenerator({ catalog: () => catalog, logger, rescueFolder: rescue });
    try {
      const destination = { folder: assetsOnDisk, linkBase: { workspaceFolder: '/' } };
      const failed: unknown = await generator
        .requestAndSave(jobFor('a full disk'), readSettings().settings, TEST_KEY, destination, new AbortController().signal)
        .then(() => assert.fail('the save succeeded on a full disk'), (error: unknown) => error);
      assert.ok(failed instanceof SaveFailedError, String(failed));
      assert.match(String(failed.cause), /ENOSPC/);
      assert.deepEqual(actionsFor(failed, true), ['saveAs', 'retry', 'showLog']);
      assert.deepEqual([...disk.files.keys()], [], 'a partial file was left on the full disk');
      assert.equal(failed.kept.length, 1);
      const kept = await vscode.workspace.fs.readFile(failed.kept[0]!);
      assert.deepEqual(pngSize(kept), { width: 1024 / 16, height: 1024 / 16 }, 'the kept image is not whole');
      assert.equal(generationRequests(fake).length, 1);
    } finally {
      generator.dispose();
    }
  });
});
