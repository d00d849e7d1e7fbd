import * as vscode from 'vscode';
import { decodeBase64 } from '../core/imageBytes';
import type { ReferenceView } from '../shared/studioProtocol';
import { Disposable } from '../util/dispose';
import { imageFileFilters } from '../util/imageFileFilters';
import { ReferenceRefused } from '../generation/referenceFiles';
import { ReferenceStore } from './referenceStore';
import { rememberedChoices } from './rememberedChoices';
import { postNotice, type StudioServices, type StudioView } from './studioServices';
import { confineUri, workspaceRoots } from './workspaceFiles';

/**
 * The reference images of one panel: attached from VS Code (Explorer, file picker), dropped or pasted into the
 * page; each refusal is a notice, and the list is posted again after each change.
 */
export class StudioReferences extends Disposable {
  readonly store: ReferenceStore;

  constructor(
    private readonly services: StudioServices,
    private readonly view: StudioView,
  ) {
    super();
    this.store = this._register(new ReferenceStore(services.referenceFolder));
  }

  /** Attaches files given by VS Code itself (the Explorer menu, the file picker) or named by the page. */
  async attach(uris: readonly vscode.Uri[], fromCommand: boolean): Promise<void> {
    const maxBytes = this.limit();
    for (const uri of uris) {
      try {
        await this.store.addFile(uri, maxBytes);
      } catch (error) {
        this.refused(error);
      }
      if (this.isDisposed) {
        return;
      }
    }
    this.post(fromCommand);
  }

  async pick(): Promise<void> {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: true,
      canSelectFiles: true,
      canSelectFolders: false,
      openLabel: vscode.l10n.t('Attach'),
      title: vscode.l10n.t('Reference images'),
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
      filters: imageFileFilters(),
    });
    if (picked?.length && !this.isDisposed) {
      await this.attach(picked, false);
    }
  }

  async drop(raw: readonly string[]): Promise<void> {
    const roots = workspaceRoots();
    const uris: vscode.Uri[] = [];
    for (const text of raw) {
      const uri = confineUri(text, roots);
      if (uri) {
        uris.push(uri);
      } else {
        postNotice(this.view, 'warning', vscode.l10n.t('Only files inside the workspace can be dropped here.'));
      }
    }
    await this.attach(uris, false);
  }

  async paste(name: string, base64: string): Promise<void> {
    try {
      await this.store.addBytes(name || vscode.l10n.t('Pasted image'), decodeBase64(base64), this.limit());
    } catch (error) {
      this.refused(error);
    }
    if (!this.isDisposed) {
      this.post(false);
    }
  }

  async remove(id: string): Promise<void> {
    await this.store.remove(id);
    this.post(false);
  }

  /** The attached images as the page shows them. */
  views(): ReferenceView[] {
    return this.store.list().map((reference) => ({
      id: reference.id,
      name: reference.name,
      src: this.view.asWebviewUri(reference.copy).toString(),
      mimeType: reference.mimeType,
      byteLength: reference.byteLength,
    }));
  }

  private post(fromCommand: boolean): void {
    this.view.post({ type: 'references', references: this.views(), fromCommand });
  }

  /** The byte limit of the chosen model, or the largest any model allows when the chosen one takes none. */
  private limit(): number {
    const { catalog, workspaceState, tracker } = this.services;
    const chosen = catalog().find(rememberedChoices(workspaceState, catalog(), tracker.editor?.document.uri).model);
    if (chosen && chosen.references.max > 0) {
      return chosen.references.maxBytes;
    }
    return Math.max(0, ...catalog().models.filter((m) => m.references.max > 0).map((m) => m.references.maxBytes));
  }

  private refused(error: unknown): void {
    if (!(error instanceof ReferenceRefused)) {
      throw error;
    }
    postNotice(this.view, 'warning', error.message);
  }
}
