// `npm run test:integration`: runs the integration suites in code-server, once per workspace kind.
//   node out/test/harness/runIntegration.js                       every run in integrationRuns.ts
//   node out/test/harness/runIntegration.js --workspace multi-root --suites 'x.test.js' --env KEY=VALUE
//   --extension DIR loads another extension folder instead of the project; --timeout is in seconds.
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { runIntegration, selectedSuites, type IntegrationRunOptions } from './integration';
import { integrationRuns } from './integrationRuns';
import type { WorkspaceKind } from './workspace';

function parseEnv(pairs: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf('=');
      if (at <= 0) throw new Error(`--env expects KEY=VALUE, got "${pair}"`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
}

function runsFromArgs(): Array<IntegrationRunOptions & { name: string }> {
  const { values } = parseArgs({
    options: {
      workspace: { type: 'string' },
      suites: { type: 'string' },
      exclude: { type: 'string' },
      extension: { type: 'string' },
      'base-url': { type: 'string' },
      env: { type: 'string', multiple: true },
      timeout: { type: 'string' },
    },
  });
  if (values.workspace && values.workspace !== 'folder' && values.workspace !== 'multi-root') {
    throw new Error(`--workspace must be folder or multi-root, got "${values.workspace}"`);
  }
  const common: IntegrationRunOptions = {
    env: parseEnv(values.env ?? []),
    ...(values.extension ? { extensionPath: path.resolve(values.extension) } : {}),
    ...(values['base-url'] ? { baseUrl: values['base-url'] } : {}),
    ...(values.timeout ? { timeoutMs: Number(values.timeout) * 1000 } : {}),
  };
  if (!values.workspace && !values.suites) return integrationRuns.map((run) => ({ ...run, ...common }));
  const workspace = (values.workspace ?? 'folder') as WorkspaceKind;
  return [{ ...common, name: workspace, workspace, ...(values.suites ? { suites: values.suites } : {}), ...(values.exclude ? { exclude: values.exclude } : {}) }];
}

async function main(): Promise<number> {
  let worst = 0;
  let ran = 0;
  for (const run of runsFromArgs()) {
    const suites = selectedSuites(run);
    if (suites.length === 0) {
      console.log(`\n== integration (${run.name}): no suite matches ${run.suites ?? '*.test.js'}, not started`);
      continue;
    }
    console.log(`\n== integration (${run.name}): ${suites.join(', ')}`);
    const started = Date.now();
    const code = await runIntegration(run);
    ran++;
    console.log(`== integration (${run.name}): exit ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    worst ||= code;
  }
  if (ran === 0) {
    console.error('integration: no suite ran');
    return 1;
  }
  return worst;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
