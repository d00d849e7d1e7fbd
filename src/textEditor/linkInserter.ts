import * as vscode from 'vscode';
import { imageLinkText, textToInsert, type ImageLinkText } from '../core/paths/imageLinks';
import type { SavedImage } from '../generation/generationJob';
import type { Destination } from '../generation/destination';

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

/** The links for saved images in the language of the document they go into (Markdown without one), relative to the link base. */
export function linksFor(images: readonly SavedImage[], linkBase: Destination['linkBase'], document: vscode.TextDocument | undefined): ImageLinkText {
  return imageLinkText(
    document?.languageId,
    images.map((image) => ({ path: image.uri.path, alt: image.job.prompt })),
    linkBase,
  );
}

/** How an insertion ended: in the document, or on the clipboard because the document was closed or has no image syntax. */
export type InsertOutcome = 'inserted' | 'documentClosed' | 'noImageSyntax';

/** The message for links that went to the clipboard instead of `document`. */
export function clipboardMessage(outcome: Exclude<InsertOutcome, 'inserted'>, document: vscode.TextDocument): string {
  const name = document.uri.path.split('/').pop() ?? '';
  return outcome === 'noImageSyntax'
    ? vscode.l10n.t('{0} ({1}) has no image syntax, so the image path is on the clipboard.', name, document.languageId)
    : vscode.l10n.t('{0} was closed, so the link was copied to the clipboard instead.', name);
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
 * Inserts the links. If the document was closed meanwhile, nothing is edited behind the user's back, and a
 * document without image syntax gets nothing either: the text goes to the clipboard and the caller says so.
 */
export async function insertLinks(point: InsertionPoint, links: ImageLinkText): Promise<InsertOutcome> {
  if (links.syntax === undefined || point.document.isClosed || !isInATab(point.document)) {
    await vscode.env.clipboard.writeText(links.text);
    return links.syntax === undefined ? 'noImageSyntax' : 'documentClosed';
  }
  const position = point.document.validatePosition(point.position);
  const line = point.document.lineAt(position.line).text;
  const text = textToInsert(links.syntax, links.text, {
    afterSelection: point.afterSelection,
    textBefore: line.slice(0, position.character).trim() !== '',
    textAfter: line.slice(position.character).trim() !== '',
  });
  const edit = new vscode.WorkspaceEdit();
  edit.insert(point.document.uri, position, text);
  // A selection ending where the links go would grow over them; the user's selection stays what it was.
  const editors = vscode.window.visibleTextEditors.filter((e) => e.document === point.document);
  const selections = editors.map((e) => e.selections);
  const applied = await vscode.workspace.applyEdit(edit);
  editors.forEach((e, i) => (e.selections = selections[i]!));
  return applied ? 'inserted' : 'documentClosed';
}
