// `npm run demo`: the extension, working, without a key. Starts the fake DMXAPI, a code-server (the real VS Code
// workbench) with the freshly packaged .vsix installed and a sample Markdown workspace, and prints the URL.
// Ctrl+C stops everything.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { startFakeDmxApi } from '../test/fake-dmxapi/server';
import { createSandbox, installExtension, startCodeServer } from '../test/harness/codeServer';
import { projectRoot } from '../test/harness/paths';

const SAMPLE = `# Welcome to DMXAPI Image Studio

This workspace talks to a local fake DMXAPI, so nothing here costs money or needs a key.

1. Select the prompt line below.
2. Run **DMXAPI: Generate Image** from the command palette (F1) or the editor's context menu.
3. The image lands in \`assets/\` and its link appears under the prompt.

A cozy reading nook with a cat, watercolor

Or run **DMXAPI: Open Image Studio** to pick a model, an aspect ratio and a resolution.
`;

async function main(): Promise<void> {
  const vsix = path.join(projectRoot, 'dist-vsix', 'dmxapi-image-studio.vsix');
  if (!existsSync(vsix)) throw new Error('dist-vsix/dmxapi-image-studio.vsix is missing: run `npm run package` first');
  const fake = await startFakeDmxApi({ port: Number(process.env.DEMO_FAKE_PORT ?? 0) });
  // The user's own base URL: one from the workspace settings would first ask to be confirmed.
  const sandbox = await createSandbox({ userSettings: { 'dmxapi.baseUrl': fake.url } });
  await installExtension(sandbox, vsix);
  const workspace = path.join(sandbox.root, 'demo-workspace');
  await mkdir(path.join(workspace, 'docs'), { recursive: true });
  await writeFile(path.join(workspace, 'docs', 'welcome.md'), SAMPLE);
  const server = await startCodeServer(sandbox, {
    workspace,
    env: { DMXAPI_API_KEY: 'sk-demo-key-for-the-fake-server' },
    ...(process.env.DEMO_PORT ? { port: Number(process.env.DEMO_PORT) } : {}),
  });
  const url = `${server.url}/?folder=${encodeURIComponent(workspace)}`;
  console.log(`\nFake DMXAPI:  ${fake.url}`);
  console.log(`Workspace:    ${workspace}`);
  console.log(`\nOpen VS Code with DMXAPI Image Studio at:\n\n  ${url}\n\nCtrl+C stops the demo.`);
  const stop = async () => {
    await server.stop();
    await fake.close();
    await sandbox.dispose();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
