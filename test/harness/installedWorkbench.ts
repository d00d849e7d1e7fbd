import * as assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startFakeDmxApi, type FakeDmxApi, type RecordedRequest } from '../fake-dmxapi/server';
import { launchBrowser, openWorkbench, screenshot, type BrowserSession } from './browser';
import { createSandbox, installExtension, startCodeServer, type CodeServer, type Sandbox } from './codeServer';
import { installLanguagePack } from './languagePack';
import { projectRoot } from './paths';
import { knownWorkbenchState, waitForPaletteEntry } from './ui';
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
  /** The display language, e.g. `zh-cn` (a minimal language pack is installed for it). Default English. */
  readonly locale?: string;
  /** Start with workspace trust on (Restricted Mode until trusted). Default off, as in a trusted folder. */
  readonly workspaceTrust?: boolean;
  /**
   * A palette title that shows the extension is known to the workbench; the session is ready once the palette
   * lists it. Default `DMXAPI: Generate Image` (give the translated title with `locale`).
   */
  readonly readyCommand?: string;
}

export const vsixPath = path.join(projectRoot, 'dist-vsix', 'dmxapi-image-studio.vsix');

/**
 * Installs the .vsix (`npm run package` first) into a fresh code-server, opens a fresh folder workspace in
 * Chromium, and returns once the workbench lists the extension's commands: nothing of a previous session is reused.
 */
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
    const sandbox: Sandbox = await createSandbox({
      userSettings: { 'dmxapi.baseUrl': fake.url, ...options.userSettings },
      ...(options.workspaceTrust !== undefined ? { workspaceTrust: options.workspaceTrust } : {}),
      ...(options.locale ? { locale: options.locale } : {}),
    });
    stops.push(() => sandbox.dispose());
    await installExtension(sandbox, vsixPath);
    if (options.locale) await installLanguagePack(sandbox, options.locale);
    const fixture = await createWorkspaceFixture(sandbox.root, { kind: 'folder', settings: options.workspaceSettings ?? {} });
    await options.prepare?.(fixture);
    const server: CodeServer = await startCodeServer(sandbox, { workspace: fixture.openPath, env: options.env ?? {} });
    stops.push(() => server.stop());
    const browser: BrowserSession = await launchBrowser();
    stops.push(() => browser.close());
    if (options.viewport) await browser.page.setViewportSize(options.viewport);
    await openWorkbench(browser.page, server.url, fixture.openPath);
    if (!options.workspaceTrust) await waitForPaletteEntry(browser.page, options.readyCommand ?? 'DMXAPI: Generate Image', { timeoutMs: 60_000 });
    return { fake, fixture, page: browser.page, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Image files in a folder (temporary `.partial` files and other dot-files left out), sorted. */
export function filesIn(folder: string): string[] {
  return existsSync(folder) ? readdirSync(folder).filter((f) => !f.startsWith('.')).sort() : [];
}

/** One e2e file's session: opened before its first test, closed after its last, with what every file asks of it. */
export interface E2eSession {
  page(): Page;
  readonly fake: FakeDmxApi;
  readonly fixture: WorkspaceFixture;
  /** The first workspace folder (the docs site with `docs/guide/page.md`). */
  site(): string;
  /** Files in the site's `assets/`. */
  assetFiles(): string[];
  /** Generation requests (not file downloads) the fake DMXAPI received since request number `from`. */
  generations(from?: number): RecordedRequest[];
  /**
   * `test` from node:test, starting from a known workbench state (no quick input, menu or notification open) and
   * leaving a screenshot in test-results/e2e/ when it fails.
   */
  test(name: string, body: () => Promise<void>): void;
}

/** The preamble of every e2e file: `const session = useInstalledWorkbench('studio', {...})`. */
export function useInstalledWorkbench(prefix: string, options: InstalledWorkbenchOptions = {}): E2eSession {
  let current: InstalledWorkbench | undefined;
  before(async () => {
    current = await openInstalledWorkbench(options);
  });
  after(async () => {
    await current?.close();
  });
  const opened = (): InstalledWorkbench => {
    assert.ok(current, 'the workbench did not open');
    return current;
  };
  const site = () => opened().fixture.folders[0]!;
  return {
    page: () => opened().page,
    get fake() {
      return opened().fake;
    },
    get fixture() {
      return opened().fixture;
    },
    site,
    assetFiles: () => filesIn(path.join(site(), 'assets')),
    generations: (from = 0) =>
      opened()
        .fake.requests.slice(from)
        .filter((r) => r.method === 'POST' && (r.path.endsWith(':generateContent') || r.path === '/v1/images/generations')),
    test: (name, body) => {
      test(name, async () => {
        try {
          await knownWorkbenchState(opened().page);
          await body();
        } catch (error) {
          if (current) {
            const file = `e2e/${prefix}-failed-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`;
            await screenshot(current.page, file).catch(() => undefined);
          }
          throw error;
        }
      });
    },
  };
}
