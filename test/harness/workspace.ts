import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

/** `folder`: one folder opened with `?folder=`; `multi-root`: two folders in a `.code-workspace` file. */
export type WorkspaceKind = 'folder' | 'multi-root';

export interface WorkspaceFixture {
  readonly kind: WorkspaceKind;
  /** The workspace folders, the first being the docs site with `docs/guide/page.md`. */
  readonly folders: readonly string[];
  /** What code-server opens: the folder, or the `.code-workspace` file. */
  readonly openPath: string;
}

export interface WorkspaceOptions {
  readonly kind: WorkspaceKind;
  /** When given, `dmxapi.baseUrl` in every folder's `.vscode/settings.json` (and the workspace file). */
  readonly baseUrl?: string;
  /** More workspace settings, merged after `dmxapi.baseUrl`. */
  readonly settings?: Readonly<Record<string, unknown>>;
}

async function writeFiles(root: string, files: Readonly<Record<string, string>>): Promise<void> {
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
}

/** Writes a fresh workspace under `parentDir` (a per-run temp dir) and returns what to open. */
export async function createWorkspaceFixture(parentDir: string, options: WorkspaceOptions): Promise<WorkspaceFixture> {
  const settings = { ...(options.baseUrl ? { 'dmxapi.baseUrl': options.baseUrl } : {}), ...options.settings };
  const settingsFile: Record<string, string> = Object.keys(settings).length
    ? { '.vscode/settings.json': JSON.stringify(settings, null, 2) }
    : {};
  const site = path.join(parentDir, 'workspace', 'docs-site');
  await writeFiles(site, {
    ...settingsFile,
    'README.md': '# Docs site\n',
    'docs/guide/page.md': '# Guide\n\nSome text before the picture.\n\n',
  });
  if (options.kind === 'folder') return { kind: 'folder', folders: [site], openPath: site };

  const notes = path.join(parentDir, 'workspace', 'notes');
  await writeFiles(notes, { ...settingsFile, 'notes.md': '# Notes\n' });
  const openPath = path.join(parentDir, 'workspace', 'multi.code-workspace');
  await writeFile(openPath, JSON.stringify({ folders: [{ path: 'docs-site' }, { path: 'notes' }], settings }, null, 2));
  return { kind: 'multi-root', folders: [site, notes], openPath };
}
