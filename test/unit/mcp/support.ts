import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

/** The compiled sources by default; `MCP_SERVER_SCRIPT=dist/mcp.js` runs the same tests against the bundle that ships. */
const serverScript = path.resolve(process.env.MCP_SERVER_SCRIPT ?? path.join(__dirname, '../../../src/mcp/main.js'));

export type TextResult = { content: Array<{ type: string; text?: string }>; isError?: boolean };
export const textOf = (result: unknown): string => (result as TextResult).content.map((part) => part.text ?? '').join('\n');

/**
 * The MCP server as an agent meets it: spawned over stdio for `workspace` against `baseUrl`, with only `env` (and
 * PATH) in its environment, and connected to the official SDK's own client. `onStderr` sees its diagnostic lines.
 */
export async function connectMcpClient(
  workspace: string,
  baseUrl: string,
  env: Record<string, string>,
  args: string[] = [],
  onStderr?: (text: string) => void,
): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [serverScript, '--workspace', workspace, '--base-url', baseUrl, ...args],
    env: { PATH: process.env.PATH ?? '', ...env },
    stderr: 'pipe',
  });
  if (onStderr) transport.stderr?.on('data', (chunk: Buffer) => onStderr(chunk.toString('utf8')));
  const client = new Client({ name: 'unit-test', version: '1.0.0' });
  await client.connect(transport);
  return client;
}
