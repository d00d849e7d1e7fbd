import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import manifest from '../../package.json';
import type { Catalog } from '../core/catalog/catalog';
import { generateToolJsonSchema } from '../core/agents/generateToolInput';
import { generateForAgent, type AgentCallDeps } from './generateForAgent';

/** The MCP tool's name; MCP clients show tools in snake_case. */
export const MCP_GENERATE_TOOL = 'generate_image';

/** The description Copilot's tool has, so every agent is told the same thing about when to use it. */
const GENERATE_DESCRIPTION = manifest.contributes.languageModelTools[0]!.modelDescription;

/**
 * A stdio MCP server with the extension's tools, on the low-level `Server` so the input schema is the very JSON
 * schema Copilot's tool declares (one description of the input, derived from the catalog). The edit tool joins
 * here once image editing exists.
 */
export function createDmxApiMcpServer(deps: AgentCallDeps & { readonly catalog: Catalog }): Server {
  const server = new Server({ name: 'dmxapi-image-studio', version: manifest.version }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: [
      {
        name: MCP_GENERATE_TOOL,
        title: 'Generate Image (DMXAPI)',
        description: GENERATE_DESCRIPTION,
        inputSchema: generateToolJsonSchema(deps.catalog) as { type: 'object'; properties: Record<string, object> },
      },
    ],
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    if (request.params.name !== MCP_GENERATE_TOOL) {
      return { content: [{ type: 'text', text: `Unknown tool ${request.params.name}; this server has ${MCP_GENERATE_TOOL}.` }], isError: true };
    }
    const result = await generateForAgent(request.params.arguments, deps, extra.signal);
    return { content: [{ type: 'text', text: result.text }], isError: result.isError };
  });
  return server;
}
