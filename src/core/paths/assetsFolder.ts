import * as path from 'node:path';

/**
 * Where images go: the `dmxapi.assetsFolder` setting resolved against the document's workspace folder, with
 * the variables VS Code's Markdown paste understands. All paths are absolute POSIX paths (URI paths), so the
 * logic is the same for local and remote workspaces.
 */

export interface AssetsContext {
  /** Path of the workspace folder that holds the document (or the first folder). */
  readonly workspaceFolder: string;
  /** Path of the document, when it is a saved file inside the workspace. */
  readonly documentPath?: string;
}

export type AssetsFolderResult =
  | { readonly ok: true; readonly folder: string }
  | { readonly ok: false; readonly reason: 'escapesWorkspace' | 'unknownVariable' | 'needsDocument'; readonly detail: string };

const DOCUMENT_VARIABLES = [
  'documentDirName',
  'documentRelativeDirName',
  'documentFileName',
  'documentBaseName',
  'documentExtName',
  'documentFilePath',
  'documentRelativeFilePath',
] as const;

function variables(ctx: AssetsContext): Record<string, string | undefined> {
  const doc = ctx.documentPath;
  const ext = doc ? path.posix.extname(doc) : undefined;
  return {
    documentWorkspaceFolder: ctx.workspaceFolder,
    documentDirName: doc && path.posix.dirname(doc),
    documentRelativeDirName: doc && path.posix.relative(ctx.workspaceFolder, path.posix.dirname(doc)),
    documentFileName: doc && path.posix.basename(doc),
    documentBaseName: doc && path.posix.basename(doc, ext),
    documentExtName: ext && ext.replace(/^\./, ''),
    documentFilePath: doc,
    documentRelativeFilePath: doc && path.posix.relative(ctx.workspaceFolder, doc),
  };
}

/** True when `child` is `parent` or inside it. */
export function isInside(parent: string, child: string): boolean {
  const relative = path.posix.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.posix.isAbsolute(relative));
}

/** Resolves the setting; refuses anything that would land outside the workspace folder. */
export function resolveAssetsFolder(setting: string, ctx: AssetsContext): AssetsFolderResult {
  const values = variables(ctx);
  let missing: string | undefined;
  let unknown: string | undefined;
  const substituted = setting.trim().replace(/\$\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in values)) {
      unknown ??= whole;
      return whole;
    }
    const value = values[name];
    if (value === undefined) {
      missing ??= whole;
      return '';
    }
    return value;
  });
  if (unknown) {
    return { ok: false, reason: 'unknownVariable', detail: unknown };
  }
  if (missing && (DOCUMENT_VARIABLES as readonly string[]).includes(missing.slice(2, -1))) {
    return { ok: false, reason: 'needsDocument', detail: missing };
  }
  const normalized = substituted.replace(/\\/g, '/') || '.';
  const folder = path.posix.isAbsolute(normalized)
    ? path.posix.normalize(normalized)
    : path.posix.join(ctx.workspaceFolder, normalized);
  if (!isInside(ctx.workspaceFolder, folder)) {
    return { ok: false, reason: 'escapesWorkspace', detail: folder };
  }
  return { ok: true, folder: folder.replace(/\/+$/, '') || '/' };
}

/** `docs/${documentBaseName}/img` → `docs/`: the leading folders of the setting that no variable changes. */
export function staticPrefix(setting: string): string {
  const normalized = setting.replace(/\\/g, '/');
  const variable = normalized.indexOf('${');
  if (variable < 0) {
    return normalized;
  }
  const before = normalized.slice(0, variable);
  return before.slice(0, before.lastIndexOf('/') + 1);
}

/**
 * The assets folder of a workspace folder, whatever the document: the setting itself where it needs no document,
 * else the leading folders no document variable changes (`docs/${documentBaseName}/img` → `docs/`). A setting
 * that starts with a document variable (`${documentDirName}/img`) has none: the workspace folder itself would
 * stand for every file in it.
 */
export function workspaceAssetsFolder(setting: string, workspaceFolder: string): string | undefined {
  const exact = resolveAssetsFolder(setting, { workspaceFolder });
  if (exact.ok || exact.reason !== 'needsDocument') {
    return exact.ok ? exact.folder : undefined;
  }
  const prefix = staticPrefix(setting);
  if (!prefix.replace(/[/.]/g, '')) {
    return undefined;
  }
  const resolved = resolveAssetsFolder(prefix, { workspaceFolder });
  return resolved.ok ? resolved.folder : undefined;
}
