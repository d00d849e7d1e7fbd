import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as vscode from 'vscode';
import { imageParametersOfEdit } from '../../../src/core/editing/editRecord';
import { imageParametersOf, imageParametersSchema, type ImageParameters } from '../../../src/core/imageParameters';
import { metadataRecordFor, metadataRecordSchema, type MetadataRecord } from '../../../src/core/metadata/record';
import type { GenerationRequest } from '../../../src/core/types';
import type { GenerationJob, SavedImage } from '../../../src/generation/generationJob';
import { historyEntryOf } from '../../../src/panel/historyEntry';
import {
  historyEntrySchema,
  imageCardSchema,
  reusableSettingsSchema,
  type HistoryEntry,
  type ImageCard,
  type ReusableSettings,
} from '../../../src/shared/studioProtocol';

/**
 * The parameters of an image have one schema (`src/core/imageParameters.ts`); the six shapes that carry them are
 * derived from it. The type checks below are compiled with the tests: a shape that grows a field of its own, or
 * loses a parameter, fails the build until the field goes into the one schema or is named here as the shape's own.
 */

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
type Parameter = keyof ImageParameters;
/** The keys a shape adds beside the parameters. */
type Own<S> = Exclude<keyof S, Parameter>;
/** The shape's parameters, each required, so an optional one is compared by its type. */
type ParametersOf<S> = Required<Pick<S, Extract<keyof S, Parameter>>>;

export type DerivedShapes = [
  // Every shape carries every parameter, with the parameter's type.
  Holds<Same<ParametersOf<GenerationRequest>, ImageParameters>>,
  Holds<Same<ParametersOf<GenerationJob>, ImageParameters>>,
  Holds<Same<ParametersOf<MetadataRecord>, ImageParameters>>,
  Holds<Same<ParametersOf<HistoryEntry>, ImageParameters>>,
  Holds<Same<ParametersOf<ImageCard>, ImageParameters>>,
  Holds<Same<ReusableSettings, ImageParameters>>,
  // What each shape has of its own: a field added here is not a parameter (else it belongs in the schema).
  Holds<Same<Own<GenerationRequest>, 'count' | 'references'>>,
  Holds<Same<GenerationJob, Required<GenerationRequest>>>,
  Holds<Same<Own<MetadataRecord>, 'v' | 'app' | 'seed' | 'count' | 'references' | 'createdAt' | 'width' | 'height' | 'texts' | 'parent' | 'instruction' | 'turn'>>,
  Holds<Same<Own<HistoryEntry>, 'uri' | 'width' | 'height' | 'texts' | 'createdAt' | 'parent'>>,
  Holds<Same<Own<ImageCard>, Own<HistoryEntry> | 'src' | 'fileName' | 'missing'>>,
  Holds<Same<Own<ReusableSettings>, never>>,
];

const parameterKeys = Object.keys(imageParametersSchema.shape) as Parameter[];

const job: GenerationJob = {
  prompt: 'a lighthouse',
  model: 'dall-e-3',
  aspectRatio: '7:4',
  resolution: '1K',
  options: { quality: 'hd', seed: 7 },
  count: 2,
  references: [{ bytes: new Uint8Array([1, 2, 3]), mimeType: 'image/png', name: 'ref.png' }],
};

describe('the parameters of an image', () => {
  it('are the same field schemas in every zod shape, not copies of them', () => {
    const shapes = { historyEntrySchema, imageCardSchema, reusableSettingsSchema, metadataRecordSchema };
    for (const [name, schema] of Object.entries(shapes)) {
      for (const key of parameterKeys) {
        // The record alone asks more of the model: a record on disk names the model that made the image.
        if (schema === metadataRecordSchema && key === 'model') {
          assert.ok(key in schema.shape, `${name} lacks ${key}`);
          continue;
        }
        assert.equal((schema.shape as Record<string, unknown>)[key], imageParametersSchema.shape[key], `${name}.${key} is not the parameters' own schema`);
      }
    }
  });

  it('are picked from a job without its references, the options copied', () => {
    const picked = imageParametersOf(job);
    assert.deepEqual(Object.keys(picked), parameterKeys);
    assert.deepEqual(picked, { prompt: 'a lighthouse', model: 'dall-e-3', aspectRatio: '7:4', resolution: '1K', options: { quality: 'hd', seed: 7 } });
    assert.notEqual(picked.options, job.options);
  });

  it('reach the history entry and the record from the job as they are', () => {
    const saved: SavedImage = {
      uri: { toString: () => 'file:///w/assets/a.png' } as vscode.Uri,
      mimeType: 'image/png',
      byteLength: 3,
      texts: [],
      job,
      elapsedMs: 1,
      createdAt: 0,
    };
    const entry = historyEntryOf(saved);
    const record = metadataRecordFor({ request: job, model: job.model, createdAt: new Date(0) });
    for (const key of parameterKeys) {
      assert.deepEqual(entry[key], job[key], `history entry ${key}`);
      assert.deepEqual(record[key], job[key], `record ${key}`);
    }
    assert.equal('references' in entry, false);
  });

  it('of an edit: the instruction is the prompt, a size left to the model is empty', () => {
    const parameters = imageParametersOfEdit({ model: 'gpt-image-1', instruction: 'make it dusk', images: [] });
    assert.deepEqual(parameters, { prompt: 'make it dusk', model: 'gpt-image-1', aspectRatio: '', resolution: '', options: {} });
    assert.deepEqual(imageParametersSchema.safeParse(parameters).success, true);
  });
});
