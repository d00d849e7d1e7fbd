import * as vscode from 'vscode';
import type { RegisterCommand } from '../failures/failableCommand';
import { CommandIds } from '../commandIds';
import type { Catalog } from '../core/catalog/catalog';
import type { ImageGenerator } from '../generation/imageGenerator';
import type { GenerationRunner } from '../generation/generationRunner';
import type { Logger } from '../logging';
import type { PromptImprover } from '../prompts/promptImprover';
import { openStudioArgsSchema, type OpenStudioArgs } from '../shared/studioProtocol';
import { imageFileFilters } from '../util/imageFileFilters';
import { EditorTracker } from './editorTracker';
import { ImageStudioPanel } from './imageStudioPanel';
import { STUDIO_VIEW_TYPE } from './studioViewType';
import type { StudioEditService } from './studioEditService';
import { StudioHistory } from './studioHistory';
import type { StudioServices } from './studioServices';

export interface ImageStudioDeps {
  readonly catalog: () => Catalog;
  readonly runner: GenerationRunner;
  readonly generator: ImageGenerator;
  readonly register: RegisterCommand;
  readonly logger: Logger;
  readonly improver: PromptImprover;
  /** Edit mode's edits and refines. */
  readonly editing: StudioEditService;
}

function selectedText(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection).trim() || undefined : undefined;
}

async function pickImages(): Promise<vscode.Uri[]> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: true,
    openLabel: vscode.l10n.t('Attach'),
    filters: imageFileFilters(),
  });
  return picked ?? [];
}

/**
 * `dmxapi.openStudio` and `dmxapi.useAsReference`: one Image Studio panel, revealed if open, restored after a
 * reload. The history and the editor tracker live as long as the extension, so generations made while the panel
 * is closed still land in its history, and Insert knows the editor the user came from.
 */
export interface ImageStudioRegistration extends vscode.Disposable {
  /** Takes over a panel VS Code restored after a reload (the serializer is registered at activation). */
  revive(panel: vscode.WebviewPanel): void;
}

export function registerImageStudio(context: vscode.ExtensionContext, deps: ImageStudioDeps): ImageStudioRegistration {
  const tracker = new EditorTracker();
  const history = new StudioHistory(context.workspaceState, deps.generator.onDidSaveImage, context.storageUri);
  const services: StudioServices = {
    catalog: deps.catalog,
    runner: deps.runner,
    logger: deps.logger,
    history,
    tracker,
    workspaceState: context.workspaceState,
    referenceFolder: vscode.Uri.joinPath(context.storageUri ?? context.globalStorageUri, 'studio-references'),
    improver: deps.improver,
    editing: deps.editing,
  };
  // Copies left by a window that closed without disposing its panel are of no use to anyone.
  void vscode.workspace.fs.delete(services.referenceFolder, { recursive: true }).then(undefined, () => undefined);
  let current: ImageStudioPanel | undefined;

  const adopt = (panel: vscode.WebviewPanel, args?: OpenStudioArgs, restored = false): ImageStudioPanel => {
    const studio = new ImageStudioPanel(panel, services, context.extensionUri, args, restored);
    studio.onDidDispose(() => {
      if (current === studio) {
        current = undefined;
      }
    });
    current = studio;
    return studio;
  };

  const open = (args: OpenStudioArgs = {}): ImageStudioPanel => {
    if (current) {
      current.reveal(args);
      return current;
    }
    const panel = vscode.window.createWebviewPanel(
      STUDIO_VIEW_TYPE,
      vscode.l10n.t('Image Studio'),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      ImageStudioPanel.webviewOptions(context.extensionUri, services),
    );
    return adopt(panel, args);
  };

  const registrations = vscode.Disposable.from(
    tracker,
    history,
    // From the palette or the editor menu: the selection is the prompt. From other commands: `OpenStudioArgs`.
    deps.register(CommandIds.openStudio, (raw?: unknown) => {
      const parsed = openStudioArgsSchema.safeParse(raw);
      const args = parsed.success ? parsed.data : {};
      open({ prompt: args.prompt ?? selectedText(), ...(args.settings ? { settings: args.settings } : {}), ...(args.edit ? { edit: args.edit } : {}) });
    }),
    deps.register(CommandIds.useAsReference, async (uri?: vscode.Uri, selected?: readonly vscode.Uri[]) => {
      const uris = selected?.length ? [...selected] : uri instanceof vscode.Uri ? [uri] : await pickImages();
      await open().attach(uris);
    }),
    { dispose: () => current?.dispose() },
  );
  return {
    revive: (panel) => {
      current?.dispose();
      adopt(panel, {}, true);
    },
    dispose: () => registrations.dispose(),
  };
}
