import * as vscode from 'vscode';
import { linkTargetFor, markdownImage } from '../core/paths/markdownLinks';
import type { SavedImage } from './imageGenerator';
import type { Destination } from './destination';

/** Where the links go: the line after the selection (the prompt stays), or the cursor. */
export interface InsertionPoint {
  readonly document: vscode.TextDocument;
  readonly position: vscode.Position;
  /** True when inserting after a selected prompt: the links start on a new line. */
  readonly afterSelection: boolean;
}

export function insertionPointFor(editor: vscode.TextEditor): InsertionPoint {
  const { selection, document } = editor;
  if (selection.isEmpty) {
    return { document, position: selection.active, afterSelection: false };
  }
  const lastLine = selection.end.character === 0 && selection.end.line > selection.start.line ? selection.end.line - 1 : selection.end.line;
  return { document, position: document.lineAt(lastLine).range.end, afterSelection: true };
}

/** The Markdown for saved images, one per line, relative to the destination's link base. */
export function markdownFor(images: readonly SavedImage[], linkBase: Destination['linkBase']): string {
  return images.map((image) => markdownImage(image.job.prompt, linkTargetFor(image.uri.path, linkBase))).join('\n');
}

/**
 * Whether the document is still open in an editor tab. Closing its last tab does not mark a document closed at
 * once (VS Code disposes it later), and an edit then would change it where the user cannot see it.
 */
function isInATab(document: vscode.TextDocument): boolean {
  const uri = document.uri.toString();
  return vscode.window.tabGroups.all.some((group) =>
    group.tabs.some(({ input }) =>
      input instanceof vscode.TabInputText
        ? input.uri.toString() === uri
        : input instanceof vscode.TabInputTextDiff && input.modified.toString() === uri,
    ),
  );
}

/**
 * Inserts the links. If the document was closed meanwhile, nothing is edited behind the user's back: the
 * Markdown goes to the clipboard and the caller says so. Returns whether the document was edited.
 */
export async function insertLinks(point: InsertionPoint, markdown: string): Promise<boolean> {
  if (point.document.isClosed || !isInATab(point.document)) {
    await vscode.env.clipboard.writeText(markdown);
    return false;
  }
  const position = point.document.validatePosition(point.position);
  const text = point.afterSelection ? `\n${markdown}` : markdown;
  const edit = new vscode.WorkspaceEdit();
  edit.insert(point.document.uri, position, text);
  // A selection ending where the links go would grow over them; the user's selection stays what it was.
  const editors = vscode.window.visibleTextEditors.filter((e) => e.document === point.document);
  const selections = editors.map((e) => e.selections);
  const applied = await vscode.workspace.applyEdit(edit);
  editors.forEach((e, i) => (e.selections = selections[i]!));
  return applied;
}
