import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ImageAction } from '../shared/studioProtocol';
import { copyImageLink, deleteImage, insertImageLink } from './imageActions';
import type { StudioResults } from './studioResults';
import { postNotice, type StudioServices, type StudioView } from './studioServices';
import { confineUri, workspaceRoots } from './workspaceFiles';

export interface ImageActionDeps {
  readonly services: StudioServices;
  readonly view: StudioView;
  readonly results: StudioResults;
  /** Attaches the image as a reference of the panel. */
  readonly useAsReference: (uri: vscode.Uri) => Promise<void>;
}

/**
 * A button on an image card. The URI comes from the page, so it is confined to the workspace first, and Open and
 * Delete act only on images the studio generated or found in assets.
 */
export async function runImageAction({ services, view, results, useAsReference }: ImageActionDeps, action: ImageAction, raw: string): Promise<void> {
  const { history, tracker, logger } = services;
  const notice = (level: 'info' | 'error', message: string) => postNotice(view, level, message);
  if (action === 'forget') {
    await history.remove(raw);
    return;
  }
  const uri = confineUri(raw, workspaceRoots());
  if (!uri) {
    logger.warn(`studio: refused ${action} on a file outside the workspace: ${raw}`);
    notice('error', vscode.l10n.t('The studio only works with files inside the workspace.'));
    return;
  }
  const known = history.find(uri.toString());
  if (!known && (action === 'open' || action === 'delete')) {
    logger.warn(`studio: refused ${action} on a file that is not in the studio's history: ${raw}`);
    notice('error', vscode.l10n.t('The studio only opens and deletes images from its history.'));
    return;
  }
  const alt = known?.prompt ?? '';
  switch (action) {
    case 'insert':
      return notice('info', await insertImageLink(uri, alt, tracker.editor));
    case 'copyMarkdown':
      return notice('info', await copyImageLink(uri, alt, tracker.editor));
    case 'open':
      // Beside the document the user writes in, so the studio stays in view.
      await vscode.commands.executeCommand('vscode.open', uri, { preview: true, viewColumn: tracker.editor?.viewColumn ?? vscode.ViewColumn.Beside });
      return;
    case 'reveal':
      await vscode.commands.executeCommand('revealInExplorer', uri);
      return;
    case 'useAsReference':
      return useAsReference(uri);
    case 'delete':
      if (await deleteImage(uri)) {
        results.remove(uri.toString());
        await history.remove(uri.toString());
        view.post({ type: 'imageDeleted', uri: uri.toString() });
        notice('info', vscode.l10n.t('Moved {0} to the trash.', path.posix.basename(uri.path)));
      }
      return;
  }
}
