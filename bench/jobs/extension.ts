import { randomUUID } from 'node:crypto';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { generateImages, type EngineConfig } from '../../src/core/engine';
import { imageFileName, withCollisionSuffix } from '../../src/core/paths/fileNames';
import type { GeneratedImage } from '../../src/core/types';

import type { Implementation, JobContext } from './job';

/**
 * The extension's own path: the core engine from request to bytes, then the save the extension does through
 * `workspace.fs` (a new name, a temporary file, a rename that never overwrites), here on Node's `fs`, which
 * is what `workspace.fs` runs for local files in the extension host.
 */

/** The extension's defaults: `dmxapi.requestTimeoutSeconds` 300 and `dmxapi.maxRetries` 2. */
export const engineConfig = (context: JobContext): EngineConfig => ({
  baseUrl: context.baseUrl,
  apiKey: context.apiKey,
  timeoutMs: 300_000,
  maxRetries: 2,
});

const exists = (file: string): Promise<boolean> =>
  stat(file).then(
    () => true,
    () => false,
  );

/** Names handed out in this process and maybe not yet on disk, as the extension keeps them. */
const reserved = new Set<string>();

/** The extension's writer on `fs`: a name reserved before it is checked, a unique temporary file, a rename. */
export async function saveLikeTheExtension(folder: string, prompt: string, image: GeneratedImage): Promise<string> {
  await mkdir(folder, { recursive: true });
  const name = imageFileName(prompt, new Date(), image.mimeType);
  for (let attempt = 0; ; attempt++) {
    const candidate = withCollisionSuffix(name, attempt);
    const target = path.join(folder, candidate);
    if (reserved.has(target)) {
      continue;
    }
    reserved.add(target);
    try {
      if (await exists(target)) {
        continue;
      }
      const temp = path.join(folder, `.${candidate}.${randomUUID()}.partial`);
      await writeFile(temp, image.bytes);
      await rename(temp, target);
      return target;
    } finally {
      reserved.delete(target);
    }
  }
}

/** The core engine from request to bytes, then the save the extension does. */
export const extension: Implementation = {
  id: 'extension',
  label: 'Extension (core engine)',
  unavailable: () => Promise.resolve(undefined),
  async run(scenario, context) {
    const result = await generateImages(context.catalog, scenario.request, engineConfig(context));
    return saveLikeTheExtension(context.outDir, scenario.request.prompt, result.images[0]!);
  },
};
