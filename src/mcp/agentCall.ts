import type { Catalog } from '../core/catalog/catalog';
import type { EngineConfig } from '../core/engine';
import { scrubSecret } from '../core/errors';
import { MCP_ENV, type McpConfig } from './mcpConfig';

export interface AgentCallDeps {
  readonly config: McpConfig;
  readonly catalog: Catalog;
  /** From `DMXAPI_API_KEY`, read by the caller; never from a file or an argument. */
  readonly apiKey: string | undefined;
  /** Diagnostic lines (stderr); the key is scrubbed before they get here. */
  readonly log: (line: string) => void;
  readonly fetch?: typeof fetch;
}

/** What the tool call answers: text for the model, and whether it is a failure. */
export interface AgentCallResult {
  readonly text: string;
  readonly isError: boolean;
}

export const failure = (text: string): AgentCallResult => ({ text, isError: true });

/** The engine's settings for one tool call: the server's URL, limits and log, the caller's key and signal. */
export function engineConfigFor(deps: AgentCallDeps, apiKey: string, signal: AbortSignal | undefined): EngineConfig {
  const { config } = deps;
  return {
    baseUrl: config.baseUrl,
    apiKey,
    timeoutMs: config.timeoutMs,
    maxRetries: config.maxRetries,
    ...(signal ? { signal } : {}),
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    log: deps.log,
  };
}

/**
 * What every tool call shares: no key is a sentence saying where to set it, and any failure becomes its message
 * with the key scrubbed. `outcome` ("generated", "edited") completes "Nothing was …".
 */
export async function answerAgentCall(deps: AgentCallDeps, outcome: string, run: (apiKey: string) => Promise<AgentCallResult>): Promise<AgentCallResult> {
  const { apiKey } = deps;
  if (!apiKey) {
    return failure(`No DMXAPI key: set ${MCP_ENV.apiKey} in the environment of this MCP server (the "env" of the agent's MCP configuration). Nothing was ${outcome}.`);
  }
  try {
    return await run(apiKey);
  } catch (error) {
    return failure(scrubSecret(error instanceof Error ? error.message : String(error), apiKey));
  }
}
