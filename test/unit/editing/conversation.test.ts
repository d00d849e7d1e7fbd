import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { createCatalog } from '../../../src/core/catalog/catalog';
import type { Conversation } from '../../../src/core/editing/conversation';
import { editedImageWithMetadata, fileDigest } from '../../../src/core/editing/editRecord';
import { editImages } from '../../../src/core/editing/editImages';
import type { EditRequest, EditResult } from '../../../src/core/editing/editRequest';
import { refineInput, type StoredImage } from '../../../src/core/editing/rebuildConversation';
import type { EngineConfig } from '../../../src/core/engine';
import { readMetadata } from '../../../src/core/metadata/imageMetadata';
import { startFakeDmxApi, type FakeDmxApi } from '../../fake-dmxapi/server';
import { rejectsWithKind } from '../core/support/assertions';
import { API_KEY } from '../core/support/fakeFetch';
import { solidPng } from './support';

/**
 * Gemini multi-turn editing end to end: edit, save the version with its record, rebuild the conversation from the
 * files alone (as after a reload or a clone), refine, refine again; and the fake's refusal when a signature is lost.
 */

const catalog = createCatalog();
let server: FakeDmxApi;

before(async () => {
  server = await startFakeDmxApi({ sizeReduction: 32, validKey: API_KEY });
});
after(() => server.close());
beforeEach(() => server.reset());

const config = (): EngineConfig => ({ baseUrl: server.url, apiKey: API_KEY, timeoutMs: 10_000, maxRetries: 0 });
const MODEL = 'gemini-3-pro-image';

/** A folder of files as the extension would hand them to `refineInput`: names relative to the image's folder. */
class Folder {
  readonly files = new Map<string, Uint8Array>();
  find = (name: string): StoredImage | undefined => {
    const bytes = this.files.get(name);
    return bytes && { bytes, ...(readMetadata(bytes) ? { record: readMetadata(bytes)! } : {}) };
  };
  stored(name: string): StoredImage {
    return this.find(name)!;
  }
}

/** Edits, then saves the first image as `saveAs` with its record, as the extension will. */
async function editAndSave(folder: Folder, request: EditRequest, parentName: string, saveAs: string): Promise<EditResult> {
  const result = await editImages(catalog, request, config());
  const parent = fileDigest(parentName, folder.files.get(parentName)!);
  const ready = editedImageWithMetadata(result.images[0]!, { request, model: result.model, texts: result.texts, parent, turn: result.turn, createdAt: 0, apiKey: API_KEY });
  assert.equal(ready.note, undefined, 'the record goes inside the PNG');
  folder.files.set(saveAs, ready.image.bytes);
  return result;
}

type SentContents = Array<{ role: string; parts: Array<Record<string, unknown>> }>;
const lastContents = (): SentContents => (server.requests.at(-1)!.body as { contents: SentContents }).contents;

/** cat.png → cat-v2.png (first edit) → cat-v3.png (refine), the way a user would. */
async function twoVersions(folder: Folder): Promise<void> {
  const cat = solidPng(40, 30);
  folder.files.set('cat.png', cat);
  await editAndSave(folder, { model: MODEL, instruction: 'give the cat a hat', images: [{ bytes: cat, name: 'cat.png', file: fileDigest('cat.png', cat) }] }, 'cat.png', 'cat-v2.png');
  const refine = refineInput(folder.stored('cat-v2.png'), 'cat-v2.png', folder.find);
  assert.deepEqual(refine.missing, []);
  assert.deepEqual(refine.images, []);
  await editAndSave(folder, { model: MODEL, instruction: 'now make the hat blue', images: refine.images, conversation: refine.conversation }, 'cat-v2.png', 'cat-v3.png');
}

describe('Gemini multi-turn editing', () => {
  test('each version keeps its turn, parent and instruction; a refine rebuilt from the files resends every turn with its signatures', async () => {
    const folder = new Folder();
    await twoVersions(folder);
    // Turn 2 went out as: user (text, image), model (text, image, signed), user (text).
    const second = server.requests[1]!;
    assert.equal(second.path, `/v1beta/models/${MODEL}:generateContent`);
    const contents = lastContents();
    assert.deepEqual(contents.map((content) => content.role), ['user', 'model', 'user']);
    assert.ok(contents[1]!.parts.every((part) => typeof part['thoughtSignature'] === 'string'));
    assert.deepEqual(contents[2]!.parts, [{ text: 'now make the hat blue' }]);

    const record = readMetadata(folder.files.get('cat-v3.png')!)!;
    assert.equal(record.instruction, 'now make the hat blue');
    assert.equal(record.prompt, 'now make the hat blue');
    assert.deepEqual(record.parent, fileDigest('cat-v2.png', folder.files.get('cat-v2.png')!));
    assert.equal(record.turn!.continues, true);
    assert.deepEqual(record.turn!.user, [{ text: 'now make the hat blue' }]);
    assert.deepEqual(record.turn!.model.map((part) => ('image' in part ? part.image : 'text')), ['text', 'self']);

    // A third turn from cat-v3.png alone: five contents, both model turns signed, the image bytes as the model made them.
    const refine = refineInput(folder.stored('cat-v3.png'), 'cat-v3.png', folder.find);
    assert.equal(refine.conversation.length, 4);
    const result = await editImages(catalog, { model: MODEL, instruction: 'and a red scarf', images: [], conversation: refine.conversation }, config());
    assert.equal(result.turn!.continues, true);
    assert.deepEqual(lastContents().map((content) => content.role), ['user', 'model', 'user', 'model', 'user']);
  });

  test('a model part sent back without its signature, or with another one, is refused by the fake with Google\'s error', async () => {
    const folder = new Folder();
    await twoVersions(folder);
    const { conversation } = refineInput(folder.stored('cat-v3.png'), 'cat-v3.png', folder.find);
    const strip = (turns: Conversation, change: (signature: string) => string | undefined): Conversation =>
      turns.map((turn) => ({
        ...turn,
        parts: turn.parts.map((part) => {
          if (part.signature === undefined) return part;
          const { signature, ...rest } = part;
          const next = change(signature);
          return next === undefined ? rest : { ...rest, signature: next };
        }),
      }));
    const send = (turns: Conversation) => editImages(catalog, { model: MODEL, instruction: 'again', images: [], conversation: turns }, config());
    const dropped = await rejectsWithKind(send(strip(conversation, () => undefined)), 'badRequest');
    assert.match(dropped.message, /missing a thought_signature in content position 2, part position 1/);
    const swapped = await rejectsWithKind(send(strip(conversation, (signature) => `${signature.slice(4)}AAAA`)), 'badRequest');
    assert.match(swapped.message, /Corrupted thought signature/);
  });

  test('a missing or changed parent: the refine edits the image alone and says which file and why', async () => {
    const folder = new Folder();
    await twoVersions(folder);
    folder.files.set('cat-v2.png', solidPng(40, 30, { pixel: 1 }));
    const changed = refineInput(folder.stored('cat-v3.png'), 'cat-v3.png', folder.find);
    assert.deepEqual(changed.missing, [{ name: 'cat-v2.png', reason: 'changed' }]);
    assert.deepEqual(changed.conversation, []);
    assert.equal(changed.images.length, 1);
    assert.deepEqual(changed.images[0]!.file, fileDigest('cat-v3.png', folder.files.get('cat-v3.png')!));

    folder.files.delete('cat-v2.png');
    const missing = refineInput(folder.stored('cat-v3.png'), 'cat-v3.png', folder.find);
    assert.deepEqual(missing.missing, [{ name: 'cat-v2.png', reason: 'missing' }]);
    // The fallback request is an ordinary edit of the image, and it works.
    const result = await editImages(catalog, { model: MODEL, instruction: 'again', images: missing.images, conversation: missing.conversation }, config());
    assert.equal(result.turn!.continues, false);
    // Sent without our record in it: the PNG as the model made it.
    const sent = lastContents()[0]!.parts[1]!['inlineData'] as { data: string };
    assert.equal(readMetadata(Buffer.from(sent.data, 'base64')), undefined);
  });

  test('an image without a conversation turn is edited alone, with nothing missing', () => {
    const plain = solidPng(8, 8);
    const refine = refineInput({ bytes: plain }, 'plain.png', () => undefined);
    assert.deepEqual(refine.missing, []);
    assert.deepEqual(refine.conversation, []);
    assert.deepEqual(refine.images[0]!.bytes, plain);
  });
});
