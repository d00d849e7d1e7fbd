// The integration suites' entry point, loaded by the extension host of a real VS Code: by the code-server runner
// (test/harness/integration.ts) and by @vscode/test-electron's runTests (test/harness/runElectron.ts) alike.
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { globToRegExp } from '../harness/suiteGlob';

/** Compiled suites in this folder matching INTEGRATION_SUITES (default `*.test.js`) and not INTEGRATION_EXCLUDE. */
function suiteFiles(): string[] {
  const include = globToRegExp(process.env.INTEGRATION_SUITES || '*.test.js');
  const excludeGlob = process.env.INTEGRATION_EXCLUDE;
  const exclude = excludeGlob ? globToRegExp(excludeGlob) : undefined;
  return readdirSync(__dirname)
    .filter((f) => include.test(f) && !exclude?.test(f))
    .sort()
    .map((f) => path.join(__dirname, f));
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, color: false });
  const files = suiteFiles();
  if (files.length === 0) return Promise.reject(new Error(`No integration suite matches ${process.env.INTEGRATION_SUITES}`));
  for (const file of files) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      console.log(`integration: ${runner.stats?.passes ?? 0} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}
