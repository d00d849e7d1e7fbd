import * as vscode from 'vscode';
import { readSettings } from '../config/settings';
import { agentConfigs, type AgentConfig } from '../core/agents/mcpClientConfigs';
import { CommandIds } from '../commandIds';
import type { RegisterCommand } from '../failures/failableCommand';

/** What the command showed, for tests and scripts. */
export interface ConnectAgentsResult {
  readonly workspaceRoot: string;
  readonly configs: readonly AgentConfig[];
  readonly document: vscode.Uri;
}

function noteFor(config: AgentConfig): string {
  switch (config.id) {
    case 'claudeCode':
      return vscode.l10n.t('Claude Code reads .mcp.json in the project root and fills in {0} from its environment. Run /mcp to check the server is connected.', '${DMXAPI_API_KEY}');
    case 'cursor':
      return vscode.l10n.t('Cursor reads .cursor/mcp.json in the project (or ~/.cursor/mcp.json) and fills in {0} from its environment. Check it under Settings → MCP.', '${env:DMXAPI_API_KEY}');
    case 'codex':
      return vscode.l10n.t('Codex reads .codex/config.toml in a trusted project (or ~/.codex/config.toml) and passes DMXAPI_API_KEY from its environment to the server. Check it with codex mcp list.');
    case 'trae':
      return vscode.l10n.t('Trae: add it under MCP → Add manually. The server takes DMXAPI_API_KEY from the environment Trae was started in, so start Trae where that variable is set.');
  }
}

function markdownFor(root: string, configs: readonly AgentConfig[]): string {
  const parts = [
    `# ${vscode.l10n.t('Connect other agents to DMXAPI Image Studio')}`,
    '',
    vscode.l10n.t('Each agent starts the bundled MCP server with Node.js for the workspace {0}. Images are saved in its assets folder and never overwrite a file.', root),
    '',
    vscode.l10n.t('The API key is never written here: set the environment variable DMXAPI_API_KEY in the environment the agent starts from (for example in your shell profile).'),
    '',
    vscode.l10n.t('The server path contains the extension version: after an update of the extension, run this command again.'),
  ];
  for (const config of configs) {
    parts.push('', `## ${config.agent}: \`${config.file}\``, '', noteFor(config), '', `\`\`\`${config.language}`, config.text.trimEnd(), '```');
  }
  return `${parts.join('\n')}\n`;
}

/** `dmxapi.connectAgents`: shows, for this workspace, the MCP configuration each agent needs. */
export function registerConnectAgents(register: RegisterCommand, extensionUri: vscode.Uri): vscode.Disposable {
  return register(CommandIds.connectAgents, async (): Promise<ConnectAgentsResult | undefined> => {
    const active = vscode.window.activeTextEditor?.document.uri;
    const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
    if (!folder || folder.uri.scheme !== 'file') {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open a local folder first: other agents run the image server on this machine, for one folder.'));
      return undefined;
    }
    const { settings } = readSettings(folder.uri);
    const configs = agentConfigs({
      serverScript: vscode.Uri.joinPath(extensionUri, 'dist', 'mcp.js').fsPath,
      workspaceRoot: folder.uri.fsPath,
      baseUrl: settings.baseUrl,
      assetsFolder: settings.assetsFolder,
    });
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdownFor(folder.uri.fsPath, configs) });
    await vscode.window.showTextDocument(document, { preview: false });
    return { workspaceRoot: folder.uri.fsPath, configs, document: document.uri };
  });
}
