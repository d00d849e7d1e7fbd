// `npm run test:integration:electron`: the same suites (test/integration/index.ts) in a VS Code desktop build
// that @vscode/test-electron downloads, for machines that can download it (a contributor's laptop, a public CI).
// Machines without that download use `npm run test:integration`, which runs them in code-server instead.
// Needs a display: on a Linux machine without one, run it under `xvfb-run -a`.
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { makeTempDir, removeTempDir } from './cleanup';
import { integrationRuns } from './integrationRuns';
import { selectedSuites } from './integration';
import { integrationOutDir, projectRoot } from './paths';
import { createWorkspaceFixture } from './workspace';

async function main(): Promise<void> {
  const scratch = await makeTempDir('dmxapi-electron-');
  try {
    for (const run of integrationRuns) {
      if (selectedSuites(run).length === 0) continue;
      const fixture = await createWorkspaceFixture(path.join(scratch, run.name), {
        kind: run.workspace ?? 'folder',
        ...(run.baseUrl ? { baseUrl: run.baseUrl } : {}),
      });
      await runTests({
        version: '1.100.3',
        cachePath: path.join(projectRoot, '.e2e-tools', 'vscode-test'),
        extensionDevelopmentPath: projectRoot,
        extensionTestsPath: path.join(integrationOutDir, 'index.js'),
        extensionTestsEnv: { ...run.env, INTEGRATION_SUITES: run.suites ?? '*.test.js', INTEGRATION_EXCLUDE: run.exclude ?? '' },
        launchArgs: [fixture.openPath, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', path.join(scratch, 'ud')],
      });
    }
  } finally {
    await removeTempDir(scratch);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
