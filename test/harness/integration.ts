import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { launchBrowser, workbenchUrl } from './browser';
import { createSandbox, startCodeServer } from './codeServer';
import { integrationOutDir, projectRoot } from './paths';
import { globToRegExp } from './suiteGlob';
import { createWorkspaceFixture, type WorkspaceKind } from './workspace';

export interface IntegrationRunOptions {
  /** The workspace the suites run in; generated fresh for this run. Default `folder`. */
  readonly workspace?: WorkspaceKind;
  /** Glob over the compiled file names in out/test/integration (`*` stops at `/`). Default `*.test.js`. */
  readonly suites?: string;
  /** Files matching this glob are left out, e.g. suites that need another workspace kind. */
  readonly exclude?: string;
  /** Environment for the extension host (API key, fake server URL...). */
  readonly env?: Readonly<Record<string, string>>;
  /** Written as `dmxapi.baseUrl` into the workspace settings. */
  readonly baseUrl?: string;
  /** The extension folder loaded from source. Default: the project root (its package.json `main`). */
  readonly extensionPath?: string;
  /** Limit on waiting for the suites' result once the workbench is loading. Default 10 minutes. */
  readonly timeoutMs?: number;
}

/** Names of the compiled suites a run with these options would load, as index.ts selects them. */
export function selectedSuites(options: IntegrationRunOptions): string[] {
  const include = globToRegExp(options.suites ?? '*.test.js');
  const exclude = options.exclude ? globToRegExp(options.exclude) : undefined;
  return readdirSync(integrationOutDir).filter((f) => include.test(f) && !exclude?.test(f));
}

/**
 * Rewrites the workbench's web configuration as the parser inserts it, so the remote extension host loads the
 * extension from source and runs the test module, as `--extensionDevelopmentPath`/`--extensionTestsPath` would.
 */
function injectDevelopmentOptions(paths: { extensionPath: string; testsPath: string }): void {
  if (window.top !== window) return;
  const remote = (p: string) => ({ scheme: 'vscode-remote', authority: location.host, path: p });
  const patch = (): boolean => {
    const meta = document.getElementById('vscode-workbench-web-configuration');
    const raw = meta?.getAttribute('data-settings');
    if (!meta || !raw) return false;
    const settings = JSON.parse(raw) as { developmentOptions?: object };
    settings.developmentOptions = {
      ...settings.developmentOptions,
      extensions: [remote(paths.extensionPath)],
      extensionTestsPath: remote(paths.testsPath),
    };
    meta.setAttribute('data-settings', JSON.stringify(settings));
    return true;
  };
  const observer = new MutationObserver(() => patch() && observer.disconnect());
  observer.observe(document, { childList: true, subtree: true });
}

/**
 * Runs the integration suites inside code-server's real extension host and returns mocha's exit code
 * (non-zero on any failure, on a timeout, or when nothing could be started).
 */
export async function runIntegration(options: IntegrationRunOptions = {}): Promise<number> {
  // A guard against a hung workbench, not a time limit for the suites: a busy 2-core machine needs its share of it.
  const timeoutMs = options.timeoutMs ?? 30 * 60_000;
  const sandbox = await createSandbox();
  const stops: Array<() => Promise<void>> = [];
  let timer: NodeJS.Timeout | undefined;
  try {
    const fixture = await createWorkspaceFixture(sandbox.root, {
      kind: options.workspace ?? 'folder',
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    });
    const server = await startCodeServer(sandbox, {
      workspace: fixture.openPath,
      env: {
        ...options.env,
        INTEGRATION_SUITES: options.suites ?? '*.test.js',
        ...(options.exclude ? { INTEGRATION_EXCLUDE: options.exclude } : {}),
      },
    });
    stops.push(() => server.stop());
    const browser = await launchBrowser();
    stops.push(() => browser.close());

    let finish: (code: number) => void = () => undefined;
    const exit = new Promise<number>((resolve) => (finish = resolve));
    await browser.page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
    timer = setTimeout(() => {
      console.error(`integration: no result within ${timeoutMs} ms`);
      finish(124);
    }, timeoutMs);
    // The workbench's own log and the extension host's console (mocha's report) both arrive here.
    await browser.page.exposeFunction('codeAutomationLog', (level: string, args: unknown) => {
      const text = Array.isArray(args) ? format(...(args as unknown[])) : String(args);
      (level === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
    });
    await browser.page.addInitScript(injectDevelopmentOptions, {
      extensionPath: options.extensionPath ?? projectRoot,
      testsPath: path.join(integrationOutDir, 'index.js'),
    });
    await browser.page.goto(workbenchUrl(server.url, fixture.openPath));
    const code = await exit;
    if (code !== 0) console.error(`--- code-server output ---\n${server.output()}`);
    return code;
  } finally {
    clearTimeout(timer);
    for (const stop of stops.reverse()) await stop().catch((e: unknown) => console.error(e));
    await sandbox.dispose();
  }
}
