import type { Protocol } from '../src/core/catalog/modelSpec';
import type { GenerationRequest } from '../src/core/types';

/**
 * The generations every implementation is timed on. All ask for 1:1 images, whose noise PNGs the fake server
 * makes once per pixel size, so every implementation downloads byte-identical answers.
 */

export type Delivery = 'b64' | 'url';
export type SdkName = 'openai' | 'genai';

/** One of the seed documents' Python scripts, adapted copies under bench/python/. */
export interface PythonSeed {
  readonly script: string;
  /** Modules the script imports besides the standard library. */
  readonly modules: readonly string[];
  /** What the adapted script reads besides the URL and key. */
  readonly env: Readonly<Record<string, string>>;
  /** Where it saves the image, relative to its working folder (a folder: the one file in it). */
  readonly output: string;
}

export interface Scenario {
  readonly id: string;
  readonly label: string;
  readonly protocol: Protocol;
  readonly delivery: Delivery;
  readonly resolution: string;
  readonly request: GenerationRequest;
  readonly sdk: SdkName;
  readonly pythonSeeds: readonly PythonSeed[];
  /** Why a Python seed is left out of this row, when one would fit the protocol. */
  readonly pythonNote?: string;
}

const PROMPT = 'A lighthouse on a cliff at dawn, oil painting';

const nanoBanana2Seed = (resolution: string): PythonSeed => ({
  script: 'nano_banana_2_generations.py',
  modules: ['requests'],
  env: { BENCH_SIZE: resolution, BENCH_ASPECT_RATIO: '1:1', BENCH_RESPONSE_FORMAT: 'b64_json' },
  output: 'output',
});

const geminiSeeds = (resolution: string): PythonSeed[] => [
  {
    script: 'gemini_generate_content_requests.py',
    modules: ['requests'],
    env: { BENCH_IMAGE_SIZE: resolution },
    output: 'gemini-native-image.png',
  },
  {
    script: 'gemini_generate_content_genai.py',
    modules: ['google.genai', 'PIL'],
    env: { BENCH_IMAGE_SIZE: resolution },
    output: 'output',
  },
];

function nanoBanana2(delivery: Delivery, resolution: string): Scenario {
  return {
    id: `openai-${delivery}-${resolution}`,
    label: `openai-images · ${delivery} · nano-banana-2 ${resolution}`,
    protocol: 'openai-images',
    delivery,
    resolution,
    request: {
      model: 'nano-banana-2',
      prompt: PROMPT,
      aspectRatio: '1:1',
      resolution,
      options: { responseFormat: delivery === 'b64' ? 'b64_json' : 'url' },
    },
    sdk: 'openai',
    pythonSeeds: delivery === 'b64' ? [nanoBanana2Seed(resolution)] : [],
    ...(delivery === 'url' ? { pythonNote: 'the seed script prints the URL and does not download it' } : {}),
  };
}

function gemini(resolution: string): Scenario {
  return {
    id: `gemini-b64-${resolution}`,
    label: `gemini-native · b64 · gemini-3.1-flash-image ${resolution}`,
    protocol: 'gemini-native',
    delivery: 'b64',
    resolution,
    request: {
      model: 'gemini-3.1-flash-image-preview',
      prompt: PROMPT,
      aspectRatio: '1:1',
      resolution,
      options: { responseModalities: 'image' },
    },
    sdk: 'genai',
    pythonSeeds: geminiSeeds(resolution),
  };
}

/** The seed's own GPT Image example: gpt-image-1-mini at 1024×1536, always base64. */
const gptImageMini: Scenario = {
  id: 'openai-b64-gpt-image-1-mini',
  label: 'openai-images · b64 · gpt-image-1-mini 1024×1536',
  protocol: 'openai-images',
  delivery: 'b64',
  resolution: '1K',
  request: { model: 'gpt-image-1-mini', prompt: PROMPT, aspectRatio: '2:3', resolution: '1K', options: { outputFormat: 'png' } },
  sdk: 'openai',
  pythonSeeds: [{ script: 'gpt_image_generations.py', modules: ['requests'], env: {}, output: 'output' }],
};

export const RESOLUTIONS = ['1K', '2K', '4K'] as const;

export function latencyScenarios(resolutions: readonly string[] = RESOLUTIONS): Scenario[] {
  const scenarios = resolutions.flatMap((resolution) => [nanoBanana2('b64', resolution), nanoBanana2('url', resolution), gemini(resolution)]);
  return resolutions.includes('1K') ? [gptImageMini, ...scenarios] : scenarios;
}

export function scenarioById(id: string): Scenario {
  const found = latencyScenarios().find((scenario) => scenario.id === id);
  if (!found) {
    throw new Error(`no scenario ${id}`);
  }
  return found;
}

/** Gemini's native protocol always carries the image inline; there is no URL answer to time. */
export const NOT_APPLICABLE = [{ label: 'gemini-native · url', note: 'generateContent always answers inline base64' }] as const;
