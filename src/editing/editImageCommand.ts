import * as path from 'node:path';
import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import { imageLinkAt, resolveLinkTarget, type ImageLinkSpan } from '../core/paths/imageLinkSpans';
import { IMAGE_LINK_LANGUAGES, imageSyntaxFor } from '../core/paths/imageLinks';
import type { RegisterCommand } from '../failures/failableCommand';
import type { OpenStudioArgs } from '../shared/studioProtocol';
import { imageFileFilters } from '../util/imageFileFilters';

/**
 * `dmxapi.editImage`: opens the Image Studio in edit mode on an image, reached from the Explorer (the file), from a
 * document (the image link under the cursor, also offered as a code action on the link) and from the palette
 * (a file dialog). The studio does the editing; this command only finds the image and the document.
 */

const IMAGE_FILE = /\.(png|jpe?g|webp|gif)$/i;

/** What the command opened the studio with, for keybindings, scripts and tests. */
export type EditImageResult = { readonly status: 'opened'; readonly source: string; readonly document?: string } | { readonly status: 'cancelled' };

/** The file a link in `document` points at, if it is a local image. */
function linkedImage(document: vscode.TextDocument, span: ImageLinkSpan): vscode.Uri | undefined {
  const workspaceFolder = vscode.workspace.getWorkspaceFolder(document.uri)?.uri;
  const documentDir = document.uri.scheme === 'untitled' ? (workspaceFolder?.path ?? '/') : path.posix.dirname(document.uri.path);
  const resolved = resolveLinkTarget(span.target, { documentDir, ...(workspaceFolder ? { workspaceFolder: workspaceFolder.path } : {}) });
  if (!resolved || !IMAGE_FILE.test(resolved)) {
    return undefined;
  }
  const base = document.uri.scheme === 'untitled' ? workspaceFolder : document.uri;
  return base ? base.with({ path: resolved, query: '', fragment: '' }) : vscode.Uri.file(resolved);
}

/** The image link at `position` in `document`, as the file it points at. */
export function imageLinkedAt(document: vscode.TextDocument, position: vscode.Position): { uri: vscode.Uri; range: vscode.Range } | undefined {
  const syntax = imageSyntaxFor(document.languageId);
  if (!syntax) {
    return undefined;
  }
  const span = imageLinkAt(document.getText(), syntax, document.offsetAt(position));
  const uri = span && linkedImage(document, span);
  return span && uri ? { uri, range: new vscode.Range(document.positionAt(span.start), document.positionAt(span.end)) } : undefined;
}

async function pickImage(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    filters: imageFileFilters(),
    openLabel: vscode.l10n.t('Edit Image'),
    title: vscode.l10n.t('Choose an image to edit'),
  });
  return picked?.[0];
}

/** Where the command was run from, worked out from what VS Code passed: an image, a document, or nothing. */
async function sourceOf(first: unknown, second: unknown): Promise<{ source: vscode.Uri; document?: vscode.Uri } | undefined> {
  const given = first instanceof vscode.Uri ? first : undefined;
  const document = second instanceof vscode.Uri ? second : undefined;
  if (given && IMAGE_FILE.test(given.path)) {
    return { source: given, ...(document ? { document } : {}) };
  }
  // The editor context menu passes the document; the cursor says which link.
  const editor = vscode.window.activeTextEditor;
  if (editor && (!given || editor.document.uri.toString() === given.toString())) {
    const linked = imageLinkedAt(editor.document, editor.selection.active);
    if (linked) {
      return { source: linked.uri, document: editor.document.uri };
    }
    if (given) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Put the cursor on an image link to edit that image.'));
      return undefined;
    }
  }
  const picked = await pickImage();
  return picked ? { source: picked } : undefined;
}

export function registerEditImage(register: RegisterCommand): vscode.Disposable {
  return register(CommandIds.editImage, async (first?: unknown, second?: unknown): Promise<EditImageResult> => {
    const found = await sourceOf(first, second);
    if (!found) {
      return { status: 'cancelled' };
    }
    const edit = { source: found.source.toString(), ...(found.document ? { document: found.document.toString() } : {}) };
    const args: OpenStudioArgs = { edit };
    await vscode.commands.executeCommand(CommandIds.openStudio, args);
    return { status: 'opened', ...edit };
  });
}

/**
 * The code action, registered at activation (not with the commands that load on first use), so it is offered
 * on a link before any command has run.
 */
export function registerEditImageCodeActions(): vscode.Disposable {
  const selector = IMAGE_LINK_LANGUAGES.map((language) => ({ language }));
  return vscode.languages.registerCodeActionsProvider(selector, new EditImageCodeActions(), {
    providedCodeActionKinds: [EditImageCodeActions.kind],
  });
}

/** "Edit Image…" on an image link, in every language whose image syntax the extension knows. */
export class EditImageCodeActions implements vscode.CodeActionProvider {
  static readonly kind = vscode.CodeActionKind.Empty.append('dmxapi').append('editImage');

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
    const linked = imageLinkedAt(document, range.start);
    if (!linked) {
      return [];
    }
    const action = new vscode.CodeAction(vscode.l10n.t('Edit Image…'), EditImageCodeActions.kind);
    action.command = { command: CommandIds.editImage, title: action.title, arguments: [linked.uri, document.uri] };
    return [action];
  }
}
