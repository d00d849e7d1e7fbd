import * as vscode from 'vscode';
import { EDIT_IMAGE_TOOL, GENERATE_IMAGE_TOOL } from './agents/toolNames';
import type { EditToolInput } from './core/agents/editToolInput';
import { registerEditImageCodeActions } from './editing/editImageCommand';
import type { EditDone, EditJob, RefineJob } from './editing/editService';
import { CommandIds } from './commandIds';
import type { ReferenceImage } from './core/types';
import type { GenerateToolInput } from './core/agents/generateToolInput';
import type * as FeaturesModule from './features';
import type { GenerationJob } from './generation/generationJob';
import type { RunResult } from './generation/generationRunner';
import { STUDIO_VIEW_TYPE } from './panel/studioViewType';

/** What other extensions (and the integration tests) get from `activate`. */
export interface DmxApiImageStudioApi {
  /** Runs a generation for a document (or none) and saves the images; `signal` cancels it. */
  generate(job: GenerationJob, documentUri: vscode.Uri | undefined, signal: AbortSignal): Promise<RunResult>;
  /** Reads image files for `job.references`; one that is gone, a folder or not an image is refused by name. */
  readReferences(uris: readonly vscode.Uri[]): Promise<ReferenceImage[]>;
  /** The sentence a user reads for a failure of `generate` or `readReferences`, in the display language. */
  describeFailure(error: unknown): string;
  /** Edits images into a new version next to the first source (see `EditService.edit`); `signal` cancels it. */
  edit(job: EditJob, signal?: AbortSignal): Promise<EditDone>;
  /** Refines a version, continuing its conversation from the files where the model keeps one (`EditService.refine`). */
  refine(job: RefineJob, signal?: AbortSignal): Promise<EditDone>;
  /** The folder the extension's log file is written in. */
  readonly logUri: vscode.Uri;
  /** Where images that could not be saved into the workspace are kept until saved elsewhere. */
  readonly keptImagesUri: vscode.Uri;
}

/**
 * Activation registers the commands and the panel serializer, and nothing else: the engine, the studio, zod and
 * the metadata writers are a second bundle (`features.js`) loaded on first use, since activation blocks the
 * extension host that every other extension shares. The first call of a command loads it, which registers the
 * real commands in place of these stand-ins, and runs the command again.
 */
export function activate(context: vscode.ExtensionContext): DmxApiImageStudioApi {
  const rescueFolder = vscode.Uri.joinPath(context.globalStorageUri, 'kept-images');
  let features: FeaturesModule.Features | undefined;
  const standIns: vscode.Disposable[] = [];
  const load = (): FeaturesModule.Features => {
    if (!features) {
      standIns.splice(0).forEach((standIn) => standIn.dispose());
      // A runtime require, kept out of this bundle by esbuild.mjs.
      const module = require('./features') as typeof FeaturesModule;
      features = module.activateFeatures(context, rescueFolder);
    }
    return features;
  };
  for (const id of Object.values(CommandIds)) {
    standIns.push(
      vscode.commands.registerCommand(id, (...args: unknown[]) => {
        load();
        return vscode.commands.executeCommand(id, ...args);
      }),
    );
  }
  context.subscriptions.push(
    { dispose: () => standIns.splice(0).forEach((standIn) => standIn.dispose()) },
    vscode.window.registerWebviewPanelSerializer(STUDIO_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel) => load().revivePanel(panel),
    }),
    vscode.lm.registerTool<GenerateToolInput>(GENERATE_IMAGE_TOOL, {
      prepareInvocation: (options, token) => load().generateImageTool.prepareInvocation?.(options, token),
      invoke: (options, token) => load().generateImageTool.invoke(options, token),
    }),
    registerEditImageCodeActions(),
    vscode.lm.registerTool<EditToolInput>(EDIT_IMAGE_TOOL, {
      prepareInvocation: (options, token) => load().editImageTool.prepareInvocation?.(options, token),
      invoke: (options, token) => load().editImageTool.invoke(options, token),
    }),
  );
  return {
    generate: (job, documentUri, signal) => load().generate(job, documentUri, signal),
    readReferences: (uris) => load().readReferences(uris),
    describeFailure: (error) => load().describeFailure(error),
    edit: (job, signal) => load().editing.edit(job, signal),
    refine: (job, signal) => load().editing.refine(job, signal),
    logUri: context.logUri,
    keptImagesUri: rescueFolder,
  };
}

export function deactivate(): void {}
