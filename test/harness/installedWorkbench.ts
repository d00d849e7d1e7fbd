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
  /** User settings over the quiet defaults, e.g. a colour theme. */
  readonly userSettings?: Readonly<Record<string, unknown>>;
  /** Workspace settings beside `dmxapi.baseUrl` (which points at the fake DMXAPI). */
  readonly workspaceSettings?: Readonly<Record<string, unknown>>;
  /** The extension host's environment, e.g. `DMXAPI_API_KEY`; without it the extension has to ask for a key. */
  readonly env?: Readonly<Record<string, string>>;
  readonly viewport?: { readonly width: number; readonly height: number };
  /** Runs after the workspace is written and before VS Code opens it (extra files). */
  readonly prepare?: (fixture: WorkspaceFixture) => Promise<void>;
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
    const sandbox: Sandbox = await createSandbox({ userSettings: options.userSettings ?? {} });
    stops.push(() => sandbox.dispose());
    await installExtension(sandbox, vsixPath);
    const fixture = await createWorkspaceFixture(sandbox.root, { kind: 'folder', baseUrl: fake.url, settings: options.workspaceSettings ?? {} });
    await options.prepare?.(fixture);
    const server: CodeServer = await startCodeServer(sandbox, { workspace: fixture.openPath, env: options.env ?? {} });
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
