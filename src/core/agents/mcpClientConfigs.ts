/**
 * What to paste into each agent's MCP configuration to reach the bundled server for one workspace. The key is
 * never written: each entry refers to the `DMXAPI_API_KEY` environment variable in the syntax that agent expands.
 */

export interface McpServerLaunch {
  /** Absolute path of dist/mcp.js. */
  readonly serverScript: string;
  /** Absolute path of the workspace folder the server may write in. */
  readonly workspaceRoot: string;
  readonly baseUrl: string;
  readonly assetsFolder: string;
}

export interface AgentConfig {
  /** The agent's name, as its users know it. */
  readonly agent: string;
  /** Where the snippet goes, relative to the workspace unless it starts with `~`. */
  readonly file: string;
  readonly language: 'json' | 'toml';
  readonly text: string;
  /** Stable id; the extension shows its own translated note for each. */
  readonly id: 'cursor' | 'claudeCode' | 'codex' | 'trae';
}

export const MCP_SERVER_NAME = 'dmxapi-image-studio';
const KEY_VARIABLE = 'DMXAPI_API_KEY';

function serverArgs(launch: McpServerLaunch): string[] {
  return [launch.serverScript, '--workspace', launch.workspaceRoot, '--base-url', launch.baseUrl, '--assets-folder', launch.assetsFolder];
}

function jsonEntry(launch: McpServerLaunch, keyReference: string | undefined, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...extra,
    command: 'node',
    args: serverArgs(launch),
    ...(keyReference ? { env: { [KEY_VARIABLE]: keyReference } } : {}),
  };
}

const tomlString = (value: string): string => JSON.stringify(value);

export function agentConfigs(launch: McpServerLaunch): AgentConfig[] {
  const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
  return [
    {
      id: 'claudeCode',
      agent: 'Claude Code',
      file: '.mcp.json',
      language: 'json',
      // Claude Code expands ${VAR} in .mcp.json's command, args and env.
      text: json({ mcpServers: { [MCP_SERVER_NAME]: jsonEntry(launch, `\${${KEY_VARIABLE}}`, { type: 'stdio' }) } }),
    },
    {
      id: 'cursor',
      agent: 'Cursor',
      file: '.cursor/mcp.json',
      language: 'json',
      // Cursor's mcp.json interpolates ${env:NAME}.
      text: json({ mcpServers: { [MCP_SERVER_NAME]: jsonEntry(launch, `\${env:${KEY_VARIABLE}}`) } }),
    },
    {
      id: 'codex',
      agent: 'Codex',
      file: '.codex/config.toml',
      language: 'toml',
      // Codex forwards the variables named in env_vars from its own environment, under their own names.
      text: [
        `[mcp_servers.${MCP_SERVER_NAME}]`,
        'command = "node"',
        `args = [${serverArgs(launch).map(tomlString).join(', ')}]`,
        `env_vars = [${tomlString(KEY_VARIABLE)}]`,
        '',
      ].join('\n'),
    },
    {
      id: 'trae',
      agent: 'Trae',
      file: '.trae/mcp.json',
      language: 'json',
      // No documented variable syntax: the server inherits DMXAPI_API_KEY from the environment Trae was started in.
      text: json({ mcpServers: { [MCP_SERVER_NAME]: jsonEntry(launch, undefined) } }),
    },
  ];
}
