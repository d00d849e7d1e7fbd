import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { askForSite, siteItems, useSite, type SitePrompts } from '../../src/commands/apiKeyCommands';
import { activateExtension, setSetting } from './support/extensionUnderTest';

/** Set API Key's first question: which DMXAPI site the key is from; the answer goes to the user settings only. */

/** Prompts that answer as a user would: the quick pick item with `label`, then `typed` in the input box. */
function scripted(label: string, typed?: string): SitePrompts & { shown: string[][] } {
  const shown: string[][] = [];
  const prompts = {
    shown,
    showQuickPick: async (items: readonly vscode.QuickPickItem[]) => {
      shown.push(items.map((item) => item.label));
      return items.find((item) => item.label.replace('$(check) ', '') === label);
    },
    showInputBox: async (options?: vscode.InputBoxOptions) => {
      if (typed !== undefined) {
        assert.equal(await options?.validateInput?.(typed), undefined, `"${typed}" was refused`);
      }
      return typed;
    },
  };
  return prompts as unknown as SitePrompts & { shown: string[][] };
}

suite('Set API Key: the key\u2019s site', () => {
  const config = () => vscode.workspace.getConfiguration('dmxapi');

  suiteSetup(async () => {
    await activateExtension();
  });

  teardown(async () => {
    await config().update('baseUrl', undefined, vscode.ConfigurationTarget.Global);
    await setSetting('baseUrl', undefined);
  });

  test('the pick lists the three sites with their billing, the current one ticked, then Other…', () => {
    const items = siteItems('https://www.dmxapi.com/v1');
    assert.deepEqual(
      items.map((item) => item.label),
      ['https://www.dmxapi.cn', '$(check) https://www.dmxapi.com', 'https://ssvip.dmxapi.com', 'Other…'],
    );
    assert.deepEqual(items.slice(0, 3).map((item) => item.description), ['China site, prices in RMB', 'International site, prices in USD', 'SSVIP site, list prices in USD']);
    assert.equal(siteItems('http://127.0.0.1:9').at(-1)!.description, 'http://127.0.0.1:9', 'Other… shows a custom address');
  });

  test('picking the .com site sets dmxapi.baseUrl in the user settings, never the workspace', async () => {
    const prompts = scripted('https://www.dmxapi.com');
    const site = await askForSite('https://www.dmxapi.cn', prompts);
    assert.equal(site, 'https://www.dmxapi.com');
    assert.equal(await useSite(site), undefined);
    const inspected = config().inspect<string>('baseUrl')!;
    assert.equal(inspected.globalValue, 'https://www.dmxapi.com');
    assert.equal(inspected.workspaceValue, undefined);
  });

  test('Other… asks for an address and keeps it without /v1; backing out changes nothing', async () => {
    assert.equal(await askForSite('https://www.dmxapi.cn', scripted('Other…', 'https://proxy.example.com/v1')), 'https://proxy.example.com');
    assert.equal(await askForSite('https://www.dmxapi.cn', scripted('Other…', undefined)), undefined);
    assert.equal(await askForSite('https://www.dmxapi.cn', scripted('nothing picked')), undefined);
    assert.equal(config().inspect<string>('baseUrl')!.globalValue, undefined);
  });

  test('a workspace baseUrl that still takes precedence is reported', async () => {
    await setSetting('baseUrl', 'https://www.dmxapi.cn');
    assert.equal(await useSite('https://ssvip.dmxapi.com'), 'https://www.dmxapi.cn');
    assert.equal(config().inspect<string>('baseUrl')!.globalValue, 'https://ssvip.dmxapi.com');
  });
});
