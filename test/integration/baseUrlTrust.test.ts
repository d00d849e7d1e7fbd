import * as assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { PreflightError } from '../../src/generation/generationErrors';
import { startFakeDmxApi, type FakeDmxApi } from '../fake-dmxapi/server';
import { removeIfPresent, setSetting, useFakeDmxApi, workspaceFolder } from './support/extensionUnderTest';
import { jobFor } from './support/failures';
import { MemoryMemento, StudioUnderTest } from './support/studioUnderTest';

/**
 * A base URL from the workspace settings that differs from the user's is used only after the user confirms it
 * once for this workspace. The runner, the settings levels and the workspace state are VS Code's own; only the
 * modal's answer is scripted (a suite cannot click), and the modal itself is driven in test/e2e/trust.e2e.ts.
 */

suite('A base URL set by the workspace needs the user to confirm it', () => {
  const user = useFakeDmxApi();
  let workspaceServer: FakeDmxApi;
  let studio: StudioUnderTest;
  let storage: string;
  let answer = false;
  const asked: string[] = [];
  const generations = (server: FakeDmxApi) => server.requests.filter((r) => !r.path.startsWith('/files/')).length;
  const run = () => studio.runner.prepareAndRun(jobFor('trust check'), undefined, new AbortController().signal);

  suiteSetup(async () => {
    workspaceServer = await startFakeDmxApi({ sizeReduction: 16 });
  });

  suiteTeardown(async () => {
    await workspaceServer.close();
    await removeIfPresent(vscode.Uri.joinPath(workspaceFolder(), 'assets'));
  });

  setup(async () => {
    workspaceServer.reset();
    asked.length = 0;
    storage = await mkdtemp(path.join(os.tmpdir(), 'trust-test-'));
    studio = new StudioUnderTest(new MemoryMemento(), vscode.Uri.file(path.join(storage, 'references')), async (host) => {
      asked.push(host);
      return answer;
    });
    await setSetting('baseUrl', workspaceServer.url);
  });

  teardown(async () => {
    studio.dispose();
    await rm(storage, { recursive: true, force: true });
  });

  test('"no": nothing is sent to either server, the message names the host, and the next run asks again', async () => {
    answer = false;
    const host = new URL(workspaceServer.url).host;
    await assert.rejects(run(), (error: unknown) => {
      assert.ok(error instanceof PreflightError, String(error));
      assert.equal(error.setting, 'dmxapi.baseUrl');
      assert.ok(error.message.includes(host) && error.message.includes('was not confirmed'), error.message);
      return true;
    });
    await assert.rejects(run(), PreflightError);
    assert.deepEqual(asked, [host, host]);
    assert.equal(generations(workspaceServer), 0);
    assert.equal(generations(user), 0);
    assert.deepEqual(studio.baseUrlTrust.confirmed(), []);
  });

  test('"yes" once: the workspace URL is used, remembered in workspace state, and asked again after Forget', async () => {
    answer = true;
    await run();
    await run();
    assert.equal(asked.length, 1, 'asked more than once');
    assert.equal(generations(workspaceServer), 2);
    assert.equal(generations(user), 0, "the user's server got the workspace's requests");
    assert.deepEqual(studio.baseUrlTrust.confirmed(), [workspaceServer.url]);
    assert.deepEqual(studio.state.get('dmxapi.confirmedBaseUrls'), [workspaceServer.url], 'not remembered in workspace state');

    assert.equal(await studio.baseUrlTrust.forget(), 1);
    answer = false;
    await assert.rejects(run(), PreflightError);
    assert.equal(asked.length, 2);
    assert.equal(generations(workspaceServer), 2);
  });

  test('a workspace URL that is the user URL in another spelling, or none at all, is not asked about', async () => {
    await setSetting('baseUrl', `${user.url}/v1/`);
    await run();
    await setSetting('baseUrl', undefined);
    await run();
    assert.deepEqual(asked, []);
    assert.equal(generations(user), 2);
  });

  test('"DMXAPI: Forget Confirmed Base URLs" runs in the workbench', async () => {
    const titles = (await vscode.commands.getCommands(true)).filter((id) => id === 'dmxapi.forgetConfirmedBaseUrls');
    assert.deepEqual(titles, ['dmxapi.forgetConfirmedBaseUrls']);
    assert.equal(await vscode.commands.executeCommand('dmxapi.forgetConfirmedBaseUrls'), 0);
  });
});
