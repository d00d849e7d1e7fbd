// `npm run demo`: the extension, working, without a key. Starts the fake DMXAPI, a code-server (the real VS Code
// workbench) with the freshly packaged .vsix installed and a sample Markdown workspace, and prints the URL, which
// opens the sample document with the cursor on its prompt and says which command to run. Ctrl+C stops everything.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { startFakeDmxApi } from '../test/fake-dmxapi/server';
import { createSandbox, installExtension, startCodeServer } from '../test/harness/codeServer';
import { projectRoot } from '../test/harness/paths';

const PROMPT = 'A cozy reading nook with a cat, watercolor';

/** The sample document; `demoUrl` puts the cursor on the prompt line. */
export const SAMPLE = `# Welcome to DMXAPI Image Studio

This workspace talks to a local fake DMXAPI, so nothing here costs money or needs a key.

Next: select the prompt line below (Shift+End), then press F1 and run **DMXAPI: Generate Image**.

${PROMPT}

The image lands in \`assets/\` and its link appears under the prompt. Or run **DMXAPI: Open Image Studio** to pick
a model, an aspect ratio and a resolution.
`;

/** The 1-based line of the prompt in SAMPLE. */
export const PROMPT_LINE = SAMPLE.split('\n').indexOf(PROMPT) + 1;

/**
 * The workbench URL that opens `workspace` with `file` in an editor and the cursor at the start of `line`: the web
 * workbench reads files to open from the `payload` query parameter (`openFile`, and `gotoLineMode` for `:line:col`).
 */
export function demoUrl(serverUrl: string, workspace: string, file: string, line: number): string {
  const authority = new URL(serverUrl).host;
  const fileUri = `vscode-remote://${authority}${encodeURI(file)}:${line}:1`;
  const payload = JSON.stringify([
    ['openFile', fileUri],
    ['gotoLineMode', 'true'],
  ]);
  return `${serverUrl}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`;
}

export interface Demo {
  /** The URL to open: the workspace with docs/welcome.md and the cursor on its prompt. */
  readonly url: string;
  readonly workspace: string;
  readonly fakeUrl: string;
  stop(): Promise<void>;
}

/** Starts the fake DMXAPI and code-server with the packaged .vsix and the sample workspace. */
export async function startDemo(ports: { readonly fake?: number; readonly server?: number } = {}): Promise<Demo> {
  const vsix = path.join(projectRoot, 'dist-vsix', 'dmxapi-image-studio.vsix');
  if (!existsSync(vsix)) throw new Error('dist-vsix/dmxapi-image-studio.vsix is missing: run `npm run package` first');
  const fake = await startFakeDmxApi({ port: ports.fake ?? 0 });
  // The user's own base URL: one from the workspace settings would first ask to be confirmed.
  const sandbox = await createSandbox({ userSettings: { 'dmxapi.baseUrl': fake.url } });
  await installExtension(sandbox, vsix);
  const workspace = path.join(sandbox.root, 'demo-workspace');
  await mkdir(path.join(workspace, 'docs'), { recursive: true });
  const welcome = path.join(workspace, 'docs', 'welcome.md');
  await writeFile(welcome, SAMPLE);
  const server = await startCodeServer(sandbox, {
    workspace,
    env: { DMXAPI_API_KEY: 'sk-demo-key-for-the-fake-server' },
    ...(ports.server ? { port: ports.server } : {}),
  });
  return {
    url: demoUrl(server.url, workspace, welcome, PROMPT_LINE),
    workspace,
    fakeUrl: fake.url,
    stop: async () => {
      await server.stop();
      await fake.close();
      await sandbox.dispose();
    },
  };
}

async function main(): Promise<void> {
  const demo = await startDemo({
    ...(process.env.DEMO_FAKE_PORT ? { fake: Number(process.env.DEMO_FAKE_PORT) } : {}),
    ...(process.env.DEMO_PORT ? { server: Number(process.env.DEMO_PORT) } : {}),
  });
  console.log(`\nFake DMXAPI:  ${demo.fakeUrl}`);
  console.log(`Workspace:    ${demo.workspace}`);
  console.log(`\nOpen VS Code with DMXAPI Image Studio at:\n\n  ${demo.url}\n`);
  console.log(`It opens docs/welcome.md with the cursor on the prompt. Select the line (Shift+End), press F1 and run`);
  console.log(`"DMXAPI: Generate Image": the image lands in assets/ and its link under the prompt.\n\nCtrl+C stops the demo.`);
  const stop = async () => {
    await demo.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
