import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Catalog } from '../core/catalog/catalog';
import type { GenerationRunner } from '../generation/generationRunner';
import type { Logger } from '../logging';
import type { PromptImprover } from '../prompts/promptImprover';
import type { HostMessage, ImageCard } from '../shared/studioProtocol';
import type { EditorTracker } from './editorTracker';
import type { StudioEditService } from './studioEditService';
import type { HistoryEntry, StudioHistory } from './studioHistory';

/** What lives as long as the extension, shared by every studio panel. */
export interface StudioServices {
  readonly catalog: () => Catalog;
  readonly runner: GenerationRunner;
  readonly logger: Logger;
  readonly history: StudioHistory;
  readonly tracker: EditorTracker;
  /** Per-workspace memory: last choices. */
  readonly workspaceState: vscode.Memento;
  /** A folder of the extension's storage for copies of reference images. */
  readonly referenceFolder: vscode.Uri;
  /** Rewrites prompts for Improve Prompt. */
  readonly improver: PromptImprover;
  /** Edits and refines images (edit mode); absent where editing is not wired. */
  readonly editing?: StudioEditService;
}

/** The webview, as the handler needs it: a place to post to and a way to turn files into loadable URIs. */
export interface StudioView {
  post(message: HostMessage): void;
  asWebviewUri(uri: vscode.Uri): vscode.Uri;
  /** The page may show images from `folder` (an edited image's, which may be outside the assets folders). */
  allowFolder?(folder: vscode.Uri): void;
}

export type NoticeLevel = 'info' | 'warning' | 'error';

/** A line in the studio's notice area. */
export function postNotice(view: StudioView, level: NoticeLevel, message: string): void {
  view.post({ type: 'notice', level, message });
}

/** A history entry as the page shows it: with a URI the webview may load. */
export function imageCardOf(view: StudioView, entry: HistoryEntry, missing = false): ImageCard {
  const uri = vscode.Uri.parse(entry.uri);
  return {
    ...entry,
    src: view.asWebviewUri(uri).toString(),
    fileName: path.posix.basename(uri.path),
    ...(missing ? { missing } : {}),
  };
}
