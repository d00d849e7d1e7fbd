import * as vscode from 'vscode';
import { BASE_URL_SETTING, readSettings, type SettingsRead } from '../config/settings';
import type { Catalog } from '../core/catalog/catalog';
import type { Guard, Outcome } from '../failures/commandGuard';
import { IncompleteBatchError, PreflightError, type SaveFailedError } from '../generation/generationErrors';
import type { GenerationJob } from '../generation/generationJob';
import { clipboardMessage, insertionPointFor, insertLinks, linksFor, type InsertionPoint } from '../textEditor/linkInserter';
import type { GenerationRunner, RunResult } from '../generation/generationRunner';
import { modelAtNearestSize } from '../generation/sizeAdjustment';
import { CommandIds } from '../commandIds';
import type { RegisterCommand } from '../failures/failableCommand';

export interface GenerateImageDeps {
  readonly catalog: () => Catalog;
  readonly runner: GenerationRunner;
  readonly guard: Guard;
  readonly register: RegisterCommand;
}

/** Optional arguments, for keybindings and scripts: `{ "prompt": "…" }` skips the selection and the input box. */
export interface GenerateImageArgs {
  readonly prompt?: string;
}

export interface GenerateResult {
  readonly uris: readonly vscode.Uri[];
  /** The links in the document's image syntax (Markdown without a document), or the paths where it has none. */
  readonly markdown: string;
  /** False when the link went to the clipboard (no editor, the document was closed meanwhile, or it has no image syntax). */
  readonly inserted: boolean;
  /** The message shown with the result, if any (e.g. that the model made its nearest size). */
  readonly message?: string;
}

/** A job from the settings, and what was changed to make it one the model can serve. */
interface SettingsJob {
  readonly job: GenerationJob;
  readonly adjustment?: string;
  /** The settings the job was built from, for its first run; a Retry reads them again (a raised timeout applies). */
  readonly read?: SettingsRead;
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

/**
 * The job the settings describe for a prompt, at the model's nearest size where it lacks the configured one;
 * throws a PreflightError naming a bad setting, or the core's error for an unknown model.
 */
function jobFromSettings(catalog: Catalog, prompt: string, read: SettingsRead): SettingsJob {
  // A bad base URL stops every run, whoever builds the job: the runner refuses it.
  const problem = read.problems.find((p) => p.setting !== BASE_URL_SETTING);
  if (problem) {
    throw new PreflightError(problem.message, problem.setting);
  }
  const { settings } = read;
  const { model, size, adjustment } = modelAtNearestSize(catalog, settings);
  const job: GenerationJob = {
    prompt,
    model: model.id,
    aspectRatio: size.ratio,
    resolution: size.resolution,
    count: 1,
    options: settings.modelOptions[model.id] ?? {},
    references: [],
  };
  return { job, read, ...(adjustment === undefined ? {} : { adjustment }) };
}

async function showSaved(uris: readonly vscode.Uri[], message: string): Promise<void> {
  const open = vscode.l10n.t('Open Image');
  if ((await vscode.window.showInformationMessage(message, open)) === open && uris[0]) {
    await vscode.commands.executeCommand('vscode.open', uris[0]);
  }
}

/** `dmxapi.generateImage`: the selection (or an input box) becomes an image saved in assets and linked in place. */
export function registerGenerateImage(deps: GenerateImageDeps): vscode.Disposable {
  /**
   * Links the saved images where the prompt was, in the document's image syntax, or puts them on the clipboard;
   * says so, and says when the model made its nearest size instead of the configured one.
   */
  const finish = async ({ images, destination }: RunResult, point: InsertionPoint | undefined, adjustment?: string): Promise<GenerateOutcome> => {
    const links = linksFor(images, destination.linkBase, point?.document);
    const uris = images.map((i) => i.uri);
    const outcome = point ? await insertLinks(point, links) : undefined;
    if (!point) {
      await vscode.env.clipboard.writeText(links.text);
    }
    const where =
      outcome === undefined
        ? vscode.l10n.t('Image saved; its Markdown link is on the clipboard.')
        : outcome === 'inserted'
          ? undefined
          : clipboardMessage(outcome, point!.document);
    const message = [adjustment, where].filter((part) => part !== undefined).join(' — ') || undefined;
    if (message) {
      void showSaved(uris, message);
    }
    return { status: 'done', uris, markdown: links.text, inserted: outcome === 'inserted', ...(message ? { message } : {}) };
  };

  /** The images of an incomplete batch are linked like any others; the failure is then reported, without Retry. */
  const runAndFinish = async (planned: SettingsJob, point: InsertionPoint | undefined): Promise<GenerateOutcome> => {
    try {
      return await finish(await deps.runner.prepareAndRun(planned.job, point?.document.uri, undefined, planned.read), point, planned.adjustment);
    } catch (error) {
      if (error instanceof IncompleteBatchError) {
        await finish({ images: [...error.saved], destination: error.destination }, point, planned.adjustment);
      }
      throw error;
    }
  };

  const againFrom = ({ job, adjustment }: SettingsJob) => (): SettingsJob => (adjustment === undefined ? { job } : { job, adjustment });

  /** Plans the job (from the settings, the first time) and runs it, under the one guard; Retry runs the same job. */
  const runJob = (plan: () => SettingsJob, point: InsertionPoint | undefined): Promise<GenerateOutcome> => {
    let planned: SettingsJob | undefined;
    return deps.guard(async () => runAndFinish((planned = plan()), point), {
      // The same job again, with the settings read afresh; planned anew if planning itself failed.
      retry: () => runJob(planned ? againFrom(planned) : plan, point),
      saveAgain: (failure) => saveAgain(failure, point, planned?.adjustment),
    });
  };

  // Only the saving is repeated: a new generation would be paid twice.
  const saveAgain = (failure: SaveFailedError, point: InsertionPoint | undefined, adjustment?: string): Promise<GenerateOutcome> =>
    deps.guard(async () => finish(await deps.runner.saveAgain(failure), point, adjustment), {
      saveAgain: (again) => saveAgain(again, point, adjustment),
    });

  return deps.register(CommandIds.generateImage, async (args?: GenerateImageArgs): Promise<GenerateOutcome> => {
    const editor = vscode.window.activeTextEditor;
    const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection).trim() : '';
    const point = editor ? insertionPointFor(editor) : undefined;
    const given = typeof args?.prompt === 'string' ? args.prompt.trim() : '';
    const prompt = given || selected || (await askForPrompt());
    if (!prompt) {
      return { status: 'cancelled' };
    }
    return runJob(() => jobFromSettings(deps.catalog(), prompt, readSettings(editor?.document.uri)), point);
  });
}
