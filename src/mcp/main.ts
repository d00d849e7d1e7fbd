// The MCP server's entry point (dist/mcp.js in the .vsix): `node dist/mcp.js --workspace DIR`, key in DMXAPI_API_KEY.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createCatalog } from '../core/catalog/catalog';
import { scrubSecret } from '../core/errors';
import { MCP_ENV, readMcpConfig } from './mcpConfig';
import { createDmxApiMcpServer } from './server';

async function main(): Promise<number> {
  const config = readMcpConfig(process.argv.slice(2), process.env, process.cwd());
  if ('problem' in config) {
    process.stderr.write(`${config.problem}\n`);
    return process.argv.includes('--help') ? 0 : 2;
  }
  const apiKey = process.env[MCP_ENV.apiKey]?.trim() || undefined;
  // stdout carries the protocol; diagnostics go to stderr, without the key.
  const log = (line: string): void => void process.stderr.write(`${scrubSecret(line, apiKey)}\n`);
  const server = createDmxApiMcpServer({ config, catalog: createCatalog(), apiKey, log });
  await server.connect(new StdioServerTransport());
  log(`dmxapi-image-studio MCP server: workspace ${config.workspaceRoot}, ${config.baseUrl}${apiKey ? '' : `, no ${MCP_ENV.apiKey} set`}`);
  return 0;
}

main().then(
  (code) => {
    if (code !== 0) process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
