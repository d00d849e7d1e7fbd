import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from './paths';

export interface Manifest {
  readonly publisher: string;
  readonly name: string;
  readonly contributes?: {
    readonly commands?: ReadonlyArray<{ readonly command: string; readonly title: string; readonly category?: string }>;
    readonly menus?: { readonly commandPalette?: ReadonlyArray<{ readonly command: string; readonly when?: string }> };
  };
}

export function readManifest(): Manifest {
  return JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as Manifest;
}

/** `publisher.name`, as `vscode.extensions.getExtension` and `--list-extensions` name it. */
export function extensionId(manifest: Manifest = readManifest()): string {
  return `${manifest.publisher}.${manifest.name}`;
}

/** Titles as the English palette shows them (`Category: Title`), `%key%` resolved, hidden ones left out. */
export function paletteTitles(manifest: Manifest = readManifest()): string[] {
  const nlsFile = path.join(projectRoot, 'package.nls.json');
  const nls = JSON.parse(readFileSync(nlsFile, 'utf8')) as Record<string, string>;
  const resolve = (text: string): string => text.replace(/^%(.+)%$/, (whole, key: string) => nls[key] ?? whole);
  const hidden = new Set((manifest.contributes?.menus?.commandPalette ?? []).filter((m) => m.when === 'false').map((m) => m.command));
  return (manifest.contributes?.commands ?? [])
    .filter((c) => !hidden.has(c.command))
    .map((c) => (c.category ? `${resolve(c.category)}: ${resolve(c.title)}` : resolve(c.title)));
}
