import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { projectRoot } from '../paths';

/**
 * What the production bundles are made of, by package (or source folder): each entry built with the options
 * esbuild.mjs uses for `--production`, into a temporary folder so dist/ and media/dist/ are left alone.
 */

export interface BundlePart {
  readonly name: string;
  readonly bytes: number;
}

export interface BundleComposition {
  readonly bundle: string;
  readonly totalBytes: number;
  readonly parts: readonly BundlePart[];
}

const BUNDLES: ReadonlyArray<{ readonly bundle: string; readonly options: esbuild.BuildOptions }> = [
  {
    bundle: 'dist/extension.js',
    options: { entryPoints: ['src/extension.ts'], platform: 'node', format: 'cjs', target: 'node20', external: ['vscode', './features'] },
  },
  {
    bundle: 'dist/features.js',
    options: { entryPoints: ['src/features.ts'], platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] },
  },
  {
    bundle: 'media/dist/webview.js',
    options: { entryPoints: ['src/webview/main.ts'], platform: 'browser', format: 'iife', target: 'es2022' },
  },
];

const partOf = (input: string): string => {
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return inPackage ? inPackage[1]! : input.split('/').slice(0, 2).join('/');
};

async function compose(bundle: string, options: esbuild.BuildOptions, dir: string): Promise<BundleComposition> {
  const result = await esbuild.build({
    ...options,
    absWorkingDir: projectRoot,
    outfile: path.join(dir, path.basename(bundle)),
    bundle: true,
    minify: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs).find((out) => out.entryPoint !== undefined)!;
  const parts = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    parts.set(partOf(input), (parts.get(partOf(input)) ?? 0) + bytesInOutput);
  }
  return {
    bundle,
    totalBytes: output.bytes,
    parts: [...parts.entries()].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes),
  };
}

export async function bundleCompositions(): Promise<BundleComposition[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dmxapi-bench-bundle-'));
  try {
    const results: BundleComposition[] = [];
    for (const { bundle, options } of BUNDLES) {
      results.push(await compose(bundle, options, dir));
    }
    return results;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
