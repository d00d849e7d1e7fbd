import assert from 'node:assert/strict';
import { test } from 'node:test';
import { agentConfigs, MCP_SERVER_NAME } from '../../../src/core/agents/mcpClientConfigs';

const launch = {
  serverScript: '/home/me/.vscode/extensions/dmxapi-image-studio-0.1.0/dist/mcp.js',
  workspaceRoot: '/home/me/My Site',
  baseUrl: 'https://www.dmxapi.cn',
  assetsFolder: 'assets',
};

test('every agent gets the server, this workspace and a reference to DMXAPI_API_KEY, never a key', () => {
  const configs = agentConfigs(launch);
  assert.deepEqual(configs.map((c) => c.agent), ['Claude Code', 'Cursor', 'Codex', 'Trae']);
  for (const config of configs) {
    assert.ok(config.text.includes(launch.serverScript), config.agent);
    assert.ok(config.text.includes(launch.workspaceRoot), config.agent);
    assert.doesNotMatch(config.text, /sk-/, config.agent);
  }
});

test('JSON agents get valid JSON in their own variable syntax', () => {
  const byId = Object.fromEntries(agentConfigs(launch).map((c) => [c.id, c]));
  const entry = (id: string) => JSON.parse(byId[id]!.text).mcpServers[MCP_SERVER_NAME];
  assert.deepEqual(entry('claudeCode').env, { DMXAPI_API_KEY: '${DMXAPI_API_KEY}' });
  assert.equal(entry('claudeCode').type, 'stdio');
  assert.deepEqual(entry('cursor').env, { DMXAPI_API_KEY: '${env:DMXAPI_API_KEY}' });
  assert.equal(entry('trae').env, undefined);
  assert.deepEqual(entry('cursor').args, [launch.serverScript, '--workspace', launch.workspaceRoot, '--base-url', launch.baseUrl, '--assets-folder', 'assets']);
  assert.equal(entry('cursor').command, 'node');
});

test('Codex gets TOML that forwards the variable by name', () => {
  const codex = agentConfigs(launch).find((c) => c.id === 'codex')!;
  assert.match(codex.text, /^\[mcp_servers\.dmxapi-image-studio\]$/m);
  assert.match(codex.text, /^env_vars = \["DMXAPI_API_KEY"\]$/m);
  assert.match(codex.text, /"\/home\/me\/My Site"/);
});
