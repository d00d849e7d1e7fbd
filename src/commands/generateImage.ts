import * as vscode from 'vscode';
import { readSettings } from '../config/settings';
import type { Catalog } from '../core/catalog/catalog';
import { IncompleteBatchError, type GenerationJob, type SaveFailedError } from '../generation/imageGenerator';
import { insertionPointFor, insertLinks, markdownFor, type InsertionPoint } from '../generation/linkInserter';
import { PreflightError, type GenerationRunner, type RunResult } from '../generation/runner';
import { checkModelSettings } from '../generation/settingsCheck';
import { CommandIds } from './commandIds';
import type { Guard, Outcome } from './guard';

export interface GenerateImageDeps {
  readonly catalog: () => Catalog;
  readonly runner: GenerationRunner;
  readonly guard: Guard;
}

/** Optional arguments, for keybindings and scripts: `{ "prompt": "…" }` skips the selection and the input box. */
export interface GenerateImageArgs {
  readonly prompt?: string;
}

export interface GenerateResult {
  readonly uris: readonly vscode.Uri[];
  readonly markdown: string;
  /** False when the link went to the clipboard (no editor, or the document was closed meanwhile). */
  readonly inserted: boolean;
}

export type GenerateOutcome = Outcome<GenerateResult>;

async function askForPrompt(): Promise<string | undefined> {
  const prompt = await vscode.window.showInputBox({
    title: vscode.l10n.t('DMXAPI: Generate Image'),
    prompt: vscode.l10n.t('Describe the image to generate'),
    placeHolder: vscode.l10n.t('A watercolor fox reading a book under a lamp'),
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('The prompt is empty.')),
  });
  return prompt?.trim() || undefined;
}

/** The job the current settings describe for a prompt; throws a PreflightError naming a bad setting. */
function jobFromSettings(catalog: Catalog, prompt: string, scope: vscode.Uri | undefined): GenerationJob {
  const { settings, problems } = readSettings(scope);
  const checked = checkModelSettings(catalog, settings);
  const first = [...problems, ...checked.problems][0];
  if (first || !checked.model) {
    throw new PreflightError(first?.message ?? '', first?.setting);
  }
  return {
    prompt,
    model: checked.model.id,
    aspectRatio: settings.aspectRatio,
    resolution: settings.resolution,
    count: 1,
    options: settings.modelOptions[checked.model.id] ?? {},
    references: [],
  };
}

async function showSaved(uris: readonly vscode.Uri[], message: string): Promise<void> {
  const open = vscode.l10n.t('Open Image');
  if ((await vscode.window.showInformationMessage(message, open)) === open && uris[0]) {
    await vscode.commands.executeCommand('vscode.open', uris[0]);
  }
}

/** `dmxapi.generateImage`: the selection (or an input box) becomes an image saved in assets and linked in place. */
export function registerGenerateImage(deps: GenerateImageDeps): vscode.Disposable {
  /** Links the saved images where the prompt was, or puts the Markdown on the clipboard. */
  const finish = async ({ images, destination }: RunResult, point: InsertionPoint | undefined): Promise<GenerateOutcome> => {
    const markdown = markdownFor(images, destination.linkBase);
    const uris = images.map((i) => i.uri);
    const inserted = point ? await insertLinks(point, markdown) : false;
    if (!point) {
      await vscode.env.clipboard.writeText(markdown);
      void showSaved(uris, vscode.l10n.t('Image saved; its Markdown link is on the clipboard.'));
    } else if (!inserted) {
      void showSaved(uris, vscode.l10n.t('The document was closed, so the Markdown link was copied to the clipboard instead.'));
    }
    return { status: 'done', uris, markdown, inserted };
  };

  /** The images of an incomplete batch are linked like any others; the failure is then reported, without Retry. */
  const runAndFinish = async (job: GenerationJob, point: InsertionPoint | undefined): Promise<GenerateOutcome> => {
    try {
      return await finish(await deps.runner.run(job, point?.document.uri), point);
    } catch (error) {
      if (error instanceof IncompleteBatchError) {
        await finish({ images: [...error.saved], destination: error.destination }, point);
      }
      throw error;
    }
  };

  const runJob = (job: GenerationJob, point: InsertionPoint | undefined): Promise<GenerateOutcome> =>
    deps.guard(() => runAndFinish(job, point), {
      retry: () => runJob(job, point),
      saveAgain: (failure) => saveAgain(failure, point),
    });

  // Only the saving is repeated: a new generation would be paid twice.
  const saveAgain = (failure: SaveFailedError, point: InsertionPoint | undefined): Promise<GenerateOutcome> =>
    deps.guard(async () => finish(await deps.runner.saveAgain(failure), point), { saveAgain: (again) => saveAgain(again, point) });

  return vscode.commands.registerCommand(CommandIds.generateImage, async (args?: GenerateImageArgs): Promise<GenerateOutcome> => {
    const editor = vscode.window.activeTextEditor;
    const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection).trim() : '';
    const point = editor ? insertionPointFor(editor) : undefined;
    const given = typeof args?.prompt === 'string' ? args.prompt.trim() : '';
    const prompt = given || selected || (await askForPrompt());
    if (!prompt) {
      return { status: 'cancelled' };
    }
    return deps.guard(async () => runJob(jobFromSettings(deps.catalog(), prompt, editor?.document.uri), point));
  });
}
