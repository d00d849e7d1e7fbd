import * as path from 'node:path';

/** Where the bundled benchmark runs from (out/bench-bundle/), and the repository root above it. */
export const bundleDir = __dirname;
export const projectRoot = path.resolve(bundleDir, '..', '..');
export const resultsDir = path.join(projectRoot, 'bench', 'results');
