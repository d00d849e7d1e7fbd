import type { Catalog } from '../../src/core/catalog/catalog';
import { geminiNativeProtocol } from '../../src/core/protocols/geminiNative';
import { openAiImagesProtocol } from '../../src/core/protocols/openaiImages';
import type { WireRequest } from '../../src/core/protocols/protocol';
import { resolveRequest } from '../../src/core/validation';
import type { Scenario } from '../scenarios';

/**
 * The exact request the extension sends for a scenario. The floor and the SDKs send the same fields, so every
 * implementation gets the same answer and only the client side differs.
 */
export function wireRequestOf(scenario: Scenario, catalog: Catalog, baseUrl: string, apiKey: string): WireRequest {
  const protocol = scenario.protocol === 'openai-images' ? openAiImagesProtocol : geminiNativeProtocol;
  return protocol.buildRequest(resolveRequest(catalog, scenario.request), baseUrl, apiKey);
}

/** The request body as an object, for SDKs that take parameters rather than JSON. */
export function wireBodyOf(scenario: Scenario, catalog: Catalog, baseUrl: string, apiKey: string): Record<string, unknown> {
  return JSON.parse(wireRequestOf(scenario, catalog, baseUrl, apiKey).body) as Record<string, unknown>;
}
