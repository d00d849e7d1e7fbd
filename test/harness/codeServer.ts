import { execFile, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import * as net from 'node:net';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { codeServerBin } from './paths';
import { killGroup, makeTempDir, removeTempDir, spawnGroup } from './cleanup';

/** A throwaway home for one code-server: nothing it writes lands in the real home or the project. */
export interface Sandbox {
  readonly root: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** HOME, XDG_* and TMPDIR pointing into `root`. */
  readonly env: NodeJS.ProcessEnv;
  dispose(): Promise<void>;
}

export interface CodeServer {
  readonly url: string;
  readonly port: number;
  /** Everything code-server printed so far (also in `<sandbox>/code-server.log`). */
  output(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Folder or `.code-workspace` file opened when the workbench URL names none. */
  readonly workspace: string;
  /** Added to code-server's environment, which the extension host inherits (API keys, fake server URL). */
  readonly env?: Readonly<Record<string, string>>;
  readonly readyTimeoutMs?: number;
  /** A fixed port (the demo); default a free one. */
  readonly port?: number;
  /** Leaves workspace trust on (pair with `security.workspace.trust.enabled: true`); default off. */
  readonly workspaceTrust?: boolean;
}

/** Keeps the UI quiet and predictable; workspace `.vscode/settings.json` still applies on top. */
const userSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'security.workspace.trust.enabled': false,
  'chat.commandCenter.enabled': false,
  'window.commandCenter': false,
};

export interface SandboxOptions {
  /** Merged over the quiet defaults in the user settings.json. */
  readonly userSettings?: Readonly<Record<string, unknown>>;
}

export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  if (!existsSync(codeServerBin)) {
    throw new Error(`code-server is not installed at ${codeServerBin}: run \`npm run setup:e2e\` first`);
  }
  const root = await makeTempDir('dmxapi-e2e-');
  const dir = (name: string): string => path.join(root, name);
  await Promise.all(['home', 'config', 'data', 'cache', 'tmp', 'exts', 'ud/User'].map((d) => mkdir(dir(d), { recursive: true })));
  await writeFile(dir('ud/User/settings.json'), JSON.stringify({ ...userSettings, ...options.userSettings }, null, 2));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: dir('home'),
    XDG_CONFIG_HOME: dir('config'),
    XDG_DATA_HOME: dir('data'),
    XDG_CACHE_HOME: dir('cache'),
    TMPDIR: dir('tmp'),
    // No extension gallery: its look-ups fail slowly on a closed network, and tests install from .vsix only.
    EXTENSIONS_GALLERY: '{}',
  };
  // Leaking the caller's npm script context into the extension host would confuse tests that spawn npm.
  for (const key of Object.keys(env)) if (key.startsWith('npm_')) delete env[key];
  return {
    root,
    userDataDir: dir('ud'),
    extensionsDir: dir('exts'),
    env,
    dispose: () => removeTempDir(root),
  };
}

function cliArgs(sandbox: Sandbox): string[] {
  return ['--config', '/dev/null', '--user-data-dir', sandbox.userDataDir, '--extensions-dir', sandbox.extensionsDir];
}

/** Runs a one-shot code-server CLI command (`--install-extension x.vsix`, `--list-extensions`) in the sandbox. */
export async function codeServerCli(sandbox: Sandbox, args: readonly string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(codeServerBin, [...cliArgs(sandbox), ...args], {
    env: sandbox.env,
    timeout: 120_000,
  });
  return stdout;
}

export async function installExtension(sandbox: Sandbox, vsixPath: string): Promise<void> {
  await codeServerCli(sandbox, ['--install-extension', vsixPath]);
}

export async function listExtensions(sandbox: Sandbox): Promise<string[]> {
  const out = await codeServerCli(sandbox, ['--list-extensions', '--show-versions']);
  return out.split('\n').map((line) => line.trim()).filter(Boolean);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error('code-server exited during start-up');
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs} ms`);
}

/** Starts code-server on a free loopback port in its own process group and waits for /healthz. */
export async function startCodeServer(sandbox: Sandbox, options: StartOptions): Promise<CodeServer> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const args = [
    ...cliArgs(sandbox),
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--ignore-last-opened',
    options.workspace,
  ];
  const child = spawnGroup(codeServerBin, args, {
    env: { ...sandbox.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logFile = createWriteStream(path.join(sandbox.root, 'code-server.log'));
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
    logFile.write(chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const server: CodeServer = {
    url,
    port,
    output: () => output,
    stop: async () => {
      await killGroup(child);
      logFile.end();
    },
  };
  try {
    await waitForHealth(url, child, options.readyTimeoutMs ?? 30_000);
  } catch (error) {
    await server.stop();
    throw new Error(`${(error as Error).message}\n--- code-server output ---\n${output}`);
  }
  return server;
}
