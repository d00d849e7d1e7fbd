import { mkdir, rm } from 'node:fs/promises';
import * as path from 'node:path';
import type { Catalog } from '../../src/core/catalog/catalog';
import { generateImages } from '../../src/core/engine';
import { PARALLEL_REQUESTS } from '../../src/shared/studioChoices';
import { engineConfig, saveLikeTheExtension } from '../jobs/extension';
import { API_KEY, type JobContext } from '../jobs/job';

import { latencyScenarios, type Scenario } from '../scenarios';
import { mapWithLimit, median } from '../stats';

/**
 * Four images from nano-banana-2, which takes only n=1: four requests, one after another or in parallel
 * under a limit, against one request alone. The fake server waits a fixed time before every answer, standing
 * in for the model, so what parallelism saves is visible; each image still costs the server the time to
 * build its answer, and that part is served one request at a time.
 */

export const BATCH_SIZE = 4;

export interface BatchVariant {
  readonly id: string;
  readonly label: string;
  /** One per repetition, in repetition order. */
  runs: number[];
  medianMs?: number;
  /** Median over repetitions of this variant against one image alone in the same repetition. */
  ratio?: number;
}

export interface BatchResult {
  readonly resolution: string;
  readonly serverDelayMs: number;
  readonly reps: number;
  readonly variants: BatchVariant[];
}

type Generate = typeof generateImages;

interface Plan {
  readonly id: string;
  readonly label: string;
  readonly count: number;
  readonly limit: number;
  readonly generate: Generate;
}

const plans: readonly Plan[] = [
  { id: 'one', label: 'one image', count: 1, limit: 1, generate: generateImages },
  { id: 'sequential', label: `${BATCH_SIZE} in a row`, count: BATCH_SIZE, limit: 1, generate: generateImages },
  {
    id: 'parallel-extension',
    label: `${BATCH_SIZE} in parallel, limit ${PARALLEL_REQUESTS} (the extension's PARALLEL_REQUESTS)`,
    count: BATCH_SIZE,
    limit: PARALLEL_REQUESTS,
    generate: generateImages,
  },
  { id: 'parallel-4', label: `${BATCH_SIZE} in parallel, limit ${BATCH_SIZE}`, count: BATCH_SIZE, limit: BATCH_SIZE, generate: generateImages },
];

async function runPlan(plan: Plan, scenario: Scenario, context: JobContext): Promise<number> {
  await mkdir(context.outDir, { recursive: true });
  (globalThis as { gc?: () => void }).gc?.();
  const started = performance.now();
  await mapWithLimit(
    Array.from({ length: plan.count }, (_, i) => i),
    plan.limit,
    async () => {
      const result = await plan.generate(context.catalog, scenario.request, engineConfig(context));
      await saveLikeTheExtension(context.outDir, scenario.request.prompt, result.images[0]!);
    },
  );
  const elapsed = performance.now() - started;
  await rm(context.outDir, { recursive: true, force: true });
  return elapsed;
}

export async function runBatch(
  settings: { baseUrl: string; catalog: Catalog; workDir: string; serverDelayMs: number; log: (line: string) => void },
  resolution: string,
  reps: number,
): Promise<BatchResult> {
  const scenario = latencyScenarios([resolution]).find((s) => s.id === `openai-b64-${resolution}`)!;
  const context: JobContext = { baseUrl: settings.baseUrl, apiKey: API_KEY, catalog: settings.catalog, outDir: path.join(settings.workDir, `batch-${resolution}`) };
  settings.log(`batch: ${BATCH_SIZE} × nano-banana-2 ${resolution}, server delay ${settings.serverDelayMs} ms, ×${reps}`);
  const variants: BatchVariant[] = plans.map((plan) => ({ id: plan.id, label: plan.label, runs: [] }));
  await runPlan(plans[0]!, scenario, context); // warm-up: the server builds this size's image once
  for (let rep = 0; rep < reps; rep++) {
    for (let i = 0; i < plans.length; i++) {
      const at = (i + rep) % plans.length;
      variants[at]!.runs.push(await runPlan(plans[at]!, scenario, context));
    }
  }
  const one = variants[0]!.runs;
  for (const variant of variants) {
    variant.medianMs = median(variant.runs);
    variant.ratio = median(variant.runs.map((elapsed, rep) => elapsed / one[rep]!));
  }
  return { resolution, serverDelayMs: settings.serverDelayMs, reps, variants };
}
