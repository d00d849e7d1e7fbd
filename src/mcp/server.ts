import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import manifest from '../../package.json';
import type { Catalog } from '../core/catalog/catalog';
import { editToolJsonSchema } from '../core/agents/editToolInput';
import { generateToolJsonSchema } from '../core/agents/generateToolInput';
import { editForAgent } from './editForAgent';
import type { AgentCallDeps } from './agentCall';
import { generateForAgent } from './generateForAgent';

/** The MCP tool's name; MCP clients show tools in snake_case. */
export const MCP_GENERATE_TOOL = 'generate_image';

/** The MCP edit tool's name. */
export const MCP_EDIT_TOOL = 'edit_image';

/** The descriptions Copilot's tools have, so every agent is told the same thing about when to use them. */
const describe = (name: string): string => manifest.contributes.languageModelTools.find((tool) => tool.name === name)!.modelDescription;
const GENERATE_DESCRIPTION = describe('dmxapi_generateImage');
const EDIT_DESCRIPTION = describe('dmxapi_editImage');

/**
 * A stdio MCP server with the extension's tools, on the low-level `Server` so the input schema is the very JSON
 * schema Copilot's tool declares (one description of the input, derived from the catalog).
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
      {
        name: MCP_EDIT_TOOL,
        title: 'Edit Image (DMXAPI)',
        description: EDIT_DESCRIPTION,
        inputSchema: editToolJsonSchema(deps.catalog) as { type: 'object'; properties: Record<string, object> },
      },
    ],
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const call = { [MCP_GENERATE_TOOL]: generateForAgent, [MCP_EDIT_TOOL]: editForAgent }[request.params.name];
    if (!call) {
      return { content: [{ type: 'text', text: `Unknown tool ${request.params.name}; this server has ${MCP_GENERATE_TOOL} and ${MCP_EDIT_TOOL}.` }], isError: true };
    }
    const result = await call(request.params.arguments, deps, extra.signal);
    return { content: [{ type: 'text', text: result.text }], isError: result.isError };
  });
  return server;
}
