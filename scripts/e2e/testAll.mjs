// `npm run test:all`: the set-up, then every test tier, each under a header, and one closing line that adds up
// what the tiers reported. A tier that fails runs nothing less for the others; the exit code is non-zero if any
// step failed.
import { spawn } from 'node:child_process';

const steps = [
  { script: 'setup:e2e', title: 'install Chromium and code-server' },
  { script: 'test', title: 'unit tests', counts: true },
  { script: 'test:integration', title: 'integration tests in code-server', counts: true, needsSetup: true },
  { script: 'test:e2e', title: 'end-to-end tests in Chromium', counts: true, needsSetup: true },
];

/** Tallies node:test's summary (`# pass 3`, or `ℹ pass 3` on a terminal) and the integration runs' lines. */
function countResults(output) {
  let passed = 0;
  let failed = 0;
  for (const [, kind, n] of output.matchAll(/^(?:#|ℹ) (pass|fail|cancelled) (\d+)\s*$/gmu)) {
    if (kind === 'pass') passed += Number(n);
    else failed += Number(n);
  }
  for (const [, p, f] of output.matchAll(/^integration: (\d+) passed, (\d+) failed\s*$/gm)) {
    passed += Number(p);
    failed += Number(f);
  }
  return { passed, failed };
}

function run(script) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
      process.stderr.write(chunk);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const results = [];
let setupFailed = false;
for (const [index, step] of steps.entries()) {
  console.log(`\n======== [${index + 1}/${steps.length}] ${step.title}: npm run ${step.script} ========`);
  if (step.needsSetup && setupFailed) {
    console.log('not run: the set-up failed');
    results.push({ ...step, code: 1, passed: 0, failed: 1, seconds: 0 });
    continue;
  }
  const started = Date.now();
  const { code, output } = await run(step.script);
  const counted = step.counts ? countResults(output) : { passed: 0, failed: 0 };
  // A step that failed without reporting a failed test (a crash, a build error, the set-up) counts as one.
  const failed = code !== 0 && counted.failed === 0 ? 1 : counted.failed;
  results.push({ ...step, code, passed: counted.passed, failed, seconds: (Date.now() - started) / 1000 });
  if (step.script === 'setup:e2e' && code !== 0) setupFailed = true;
}

console.log('\n======== summary ========');
for (const r of results) {
  const tally = r.counts ? `${r.passed} passed, ${r.failed} failed` : r.code === 0 ? 'done' : 'FAILED';
  console.log(`${r.code === 0 ? 'ok  ' : 'FAIL'} ${r.script.padEnd(18)} ${tally.padEnd(24)} ${r.seconds.toFixed(0)} s`);
}
const total = results.reduce((sum, r) => ({ passed: sum.passed + r.passed, failed: sum.failed + r.failed }), { passed: 0, failed: 0 });
console.log(`${total.passed} passed, ${total.failed} failed`);
process.exitCode = results.some((r) => r.code !== 0) ? 1 : 0;
