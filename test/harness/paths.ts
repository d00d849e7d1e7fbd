import * as path from 'node:path';

/** The repository root; this file runs compiled from out/test/harness/. */
export const projectRoot = path.resolve(__dirname, '..', '..', '..');

/** Where scripts/e2e/setup.sh installs code-server. */
export const codeServerBin = path.join(projectRoot, '.e2e-tools', 'code-server', 'node_modules', '.bin', 'code-server');

/** Debian's Chromium; playwright-core never downloads a browser of its own here. */
export const chromiumPath = '/usr/bin/chromium';

/** Screenshots and logs that CI keeps. */
export const resultsDir = path.join(projectRoot, 'test-results');

/** The compiled integration suites and their mocha entry point. */
export const integrationOutDir = path.join(projectRoot, 'out', 'test', 'integration');
