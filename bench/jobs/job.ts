import type { Catalog } from '../../src/core/catalog/catalog';
import type { Scenario } from '../scenarios';

/** What every implementation gets: where the fake server is, and a fresh folder of its own to save into. */
export interface JobContext {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly outDir: string;
  readonly catalog: Catalog;
}

export type ImplementationId = 'floor' | 'extension' | 'openai-sdk' | 'genai-sdk' | 'python-requests' | 'python-genai';

/** One way of doing the whole job: send the request, get the image bytes, save them as one file. */
export interface Implementation {
  readonly id: ImplementationId;
  readonly label: string;
  /** Why it cannot run on this scenario (or on this machine), or undefined when it can. */
  unavailable(scenario: Scenario): Promise<string | undefined>;
  /** Does the job; resolves to the saved file. */
  run(scenario: Scenario, context: JobContext): Promise<string>;
  /** Only for implementations measured from outside (a subprocess): no split into server and client time. */
  readonly external?: boolean;
}

export const API_KEY = 'sk-bench-0000000000000000';
