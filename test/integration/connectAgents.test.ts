import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConnectAgentsResult } from '../../src/commands/connectAgents';
import { activateExtension, TEST_KEY, workspaceFolder } from './support/extensionUnderTest';

/** DMXAPI: Connect Other Agents shows each agent's MCP configuration for this folder, with the key as a variable. */
suite('Connect Other Agents', () => {
  suiteSetup(async () => {
    await activateExtension();
    process.env.DMXAPI_API_KEY = TEST_KEY;
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('opens a document with each agent\'s configuration for this workspace, referring to DMXAPI_API_KEY, never holding it', async () => {
    const result = await vscode.commands.executeCommand<ConnectAgentsResult>('dmxapi.connectAgents');
    assert.ok(result, 'the command returned nothing');
    assert.equal(result.workspaceRoot, workspaceFolder().fsPath);
    const text = vscode.window.activeTextEditor?.document.getText() ?? '';
    for (const agent of ['Claude Code', 'Cursor', 'Codex', 'Trae']) {
      assert.ok(text.includes(`## ${agent}`), agent);
    }
    assert.ok(text.includes('"DMXAPI_API_KEY": "${DMXAPI_API_KEY}"'), text);
    assert.ok(text.includes('dist/mcp.js'), text);
    assert.ok(text.includes(workspaceFolder().fsPath), text);
    assert.ok(!text.includes(TEST_KEY), 'the key was written into the document');
  });
});
