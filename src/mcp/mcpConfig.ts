import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { checkBaseUrl, displayableUrl } from '../core/baseUrl';

/** How the MCP server runs: from its arguments first, then the environment, then the extension's defaults. */
export interface McpConfig {
  /** Absolute path of the workspace root; every write stays inside it. */
  readonly workspaceRoot: string;
  readonly baseUrl: string;
  /** As `dmxapi.assetsFolder`: relative to the workspace root, with the same `${…}` variables. */
  readonly assetsFolder: string;
  /** Model used when a call names none; absent: the catalog's first. */
  readonly model?: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
}

export const MCP_ENV = {
  apiKey: 'DMXAPI_API_KEY',
  baseUrl: 'DMXAPI_BASE_URL',
  workspace: 'DMXAPI_WORKSPACE',
  assetsFolder: 'DMXAPI_ASSETS_FOLDER',
  model: 'DMXAPI_MODEL',
} as const;

export const MCP_USAGE = `Usage: node dist/mcp.js [--workspace DIR] [--base-url URL] [--assets-folder DIR] [--model ID]
The API key is read from ${MCP_ENV.apiKey} only. Each flag may instead come from ${MCP_ENV.workspace},
${MCP_ENV.baseUrl}, ${MCP_ENV.assetsFolder}, ${MCP_ENV.model}. Default workspace: the current directory.`;

/** The configuration, or a line saying which argument is wrong. Never reads the key. */
export function readMcpConfig(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): McpConfig | { problem: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        workspace: { type: 'string' },
        'base-url': { type: 'string' },
        'assets-folder': { type: 'string' },
        model: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
  if (values.help) {
    return { problem: MCP_USAGE };
  }
  const rawUrl = values['base-url'] ?? env[MCP_ENV.baseUrl] ?? 'https://www.dmxapi.cn';
  const checked = checkBaseUrl(rawUrl);
  if (!checked.ok) {
    return { problem: baseUrlProblem(checked.reason, displayableUrl(rawUrl)) };
  }
  const baseUrl = checked.url;
  const model = values.model ?? env[MCP_ENV.model];
  return {
    workspaceRoot: path.resolve(cwd, values.workspace ?? env[MCP_ENV.workspace] ?? '.'),
    baseUrl,
    assetsFolder: values['assets-folder'] ?? env[MCP_ENV.assetsFolder] ?? 'assets',
    ...(model ? { model } : {}),
    timeoutMs: 300_000,
    maxRetries: 2,
  };
}

/** The extension's reasons for refusing a base URL, in the server's English (it cannot load `vscode.l10n`). */
function baseUrlProblem(reason: 'notHttpUrl' | 'credentials' | 'cleartext', shown: string): string {
  switch (reason) {
    case 'credentials':
      return `"${shown}" carries a user name or password: remove them; the API key is sent in a header.`;
    case 'cleartext':
      return `"${shown}" uses http:, so the API key would travel in clear text. Use https:// (http: is allowed only for localhost).`;
    case 'notHttpUrl':
      return `"${shown}" is not an http(s) URL such as https://www.dmxapi.cn`;
  }
}
