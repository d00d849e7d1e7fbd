// Builds the two bundles: the extension (Node, CommonJS, `vscode` external) and the webview (browser).
import * as esbuild from 'esbuild';
import { cp, mkdir } from 'node:fs/promises';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Copies the codicon font and stylesheet the webview uses into media/dist. */
async function copyCodicons() {
  await mkdir('media/dist', { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) {
    await cp(`node_modules/@vscode/codicons/dist/${file}`, `media/dist/${file}`);
  }
}

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'info',
  legalComments: production ? 'none' : 'inline',
};

/**
 * Two Node bundles: `extension.js`, which activation loads (command registrations and nothing more), and
 * `features.js`, everything else, which `extension.ts` requires on first use: `./features` stays a require.
 */
const extension = {
  ...common,
  entryPoints: { extension: 'src/extension.ts', features: 'src/features.ts' },
  outdir: 'dist',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode', './features'],
};

/** The stdio MCP server other agents start with `node dist/mcp.js`; it never loads `vscode`. */
const mcp = {
  ...common,
  entryPoints: ['src/mcp/main.ts'],
  outfile: 'dist/mcp.js',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
};

const webview = {
  ...common,
  entryPoints: ['src/webview/main.ts'],
  outfile: 'media/dist/webview.js',
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
};

async function main() {
  await copyCodicons();
  const contexts = await Promise.all([esbuild.context(extension), esbuild.context(webview), esbuild.context(mcp)]);
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
    return;
  }
  await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
