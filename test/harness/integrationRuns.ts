import type { IntegrationRunOptions } from './integration';

/**
 * One code-server run per workspace kind. A suite named `*.multiroot.test.ts` runs in the two-folder
 * `.code-workspace`; every other `*.test.ts` runs in a single folder.
 */
export const integrationRuns: ReadonlyArray<IntegrationRunOptions & { readonly name: string }> = [
  { name: 'folder', workspace: 'folder', suites: '*.test.js', exclude: '*.multiroot.test.js' },
  { name: 'multi-root', workspace: 'multi-root', suites: '*.multiroot.test.js' },
];
