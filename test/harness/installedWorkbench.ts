import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { startFakeDmxApi, type FakeDmxApi } from '../fake-dmxapi/server';
import { launchBrowser, openWorkbench, type BrowserSession } from './browser';
import { createSandbox, installExtension, startCodeServer, type CodeServer, type Sandbox } from './codeServer';
import { projectRoot } from './paths';
import { createWorkspaceFixture, type WorkspaceFixture } from './workspace';

/** What a person's session needs: the packaged extension installed into code-server, a fake DMXAPI, a browser. */
export interface InstalledWorkbench {
  readonly fake: FakeDmxApi;
  readonly fixture: WorkspaceFixture;
  readonly page: Page;
  close(): Promise<void>;
}

export interface InstalledWorkbenchOptions {
  /** User settings over the quiet defaults and `dmxapi.baseUrl` (the fake DMXAPI), e.g. a colour theme. */
  readonly userSettings?: Readonly<Record<string, unknown>>;
  /** Workspace settings (`.vscode/settings.json`). */
  readonly workspaceSettings?: Readonly<Record<string, unknown>>;
  /** The extension host's environment, e.g. `DMXAPI_API_KEY`; without it the extension has to ask for a key. */
  readonly env?: Readonly<Record<string, string>>;
  readonly viewport?: { readonly width: number; readonly height: number };
  /** Runs after the workspace is written and before VS Code opens it (extra files). */
  readonly prepare?: (fixture: WorkspaceFixture) => Promise<void>;
  /**
   * `'disabled'` (default): code-server runs with workspace trust off, as if every folder were trusted.
   * `'prompt'`: trust is on, so VS Code asks whether to trust the folder and stays in Restricted Mode until "Yes".
   */
  readonly workspaceTrust?: 'disabled' | 'prompt';
}

export const vsixPath = path.join(projectRoot, 'dist-vsix', 'dmxapi-image-studio.vsix');

/** Installs the .vsix (`npm run package` first) into a fresh code-server and opens a fresh folder workspace in Chromium. */
export async function openInstalledWorkbench(options: InstalledWorkbenchOptions = {}): Promise<InstalledWorkbench> {
  assert.ok(existsSync(vsixPath), `${vsixPath} is missing: run \`npm run package\` first`);
  const stops: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch((error: unknown) => console.error(error));
  };
  try {
    const fake = await startFakeDmxApi({ sizeReduction: 4 });
    stops.push(() => fake.close());
    // The fake's URL is the user's own: a base URL from workspace settings needs a confirmation first.
    const trustSettings = options.workspaceTrust === 'prompt' ? { 'security.workspace.trust.enabled': true } : {};
    const sandbox: Sandbox = await createSandbox({ userSettings: { 'dmxapi.baseUrl': fake.url, ...trustSettings, ...options.userSettings } });
    stops.push(() => sandbox.dispose());
    await installExtension(sandbox, vsixPath);
    const fixture = await createWorkspaceFixture(sandbox.root, { kind: 'folder', settings: options.workspaceSettings ?? {} });
    await options.prepare?.(fixture);
    const server: CodeServer = await startCodeServer(sandbox, {
      workspace: fixture.openPath,
      env: options.env ?? {},
      workspaceTrust: options.workspaceTrust === 'prompt',
    });
    stops.push(() => server.stop());
    const browser: BrowserSession = await launchBrowser();
    stops.push(() => browser.close());
    if (options.viewport) await browser.page.setViewportSize(options.viewport);
    await openWorkbench(browser.page, server.url, fixture.openPath);
    return { fake, fixture, page: browser.page, close };
  } catch (error) {
    await close();
    throw error;
  }
}
