import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { projectRoot } from '../paths';

/**
 * What the production extension bundle is made of, by package (or source folder): the extension entry built
 * with the options esbuild.mjs uses for `--production`, into a temporary folder so dist/ is left alone.
 */

export interface BundlePart {
  readonly name: string;
  readonly bytes: number;
}

export interface BundleComposition {
  readonly totalBytes: number;
  readonly parts: readonly BundlePart[];
}

const partOf = (input: string): string => {
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return inPackage ? inPackage[1]! : input.split('/').slice(0, 2).join('/');
};

export async function bundleComposition(): Promise<BundleComposition> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dmxapi-bench-bundle-'));
  try {
    const result = await esbuild.build({
      absWorkingDir: projectRoot,
      entryPoints: ['src/extension.ts'],
      outfile: path.join(dir, 'extension.js'),
      bundle: true,
      minify: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
      legalComments: 'none',
      metafile: true,
      logLevel: 'silent',
    });
    const output = Object.values(result.metafile.outputs)[0]!;
    const parts = new Map<string, number>();
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      parts.set(partOf(input), (parts.get(partOf(input)) ?? 0) + bytesInOutput);
    }
    return {
      totalBytes: output.bytes,
      parts: [...parts.entries()].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
