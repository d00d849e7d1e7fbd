import * as vscode from 'vscode';
import { readSettings, type SettingsRead } from '../config/settings';
import type { Catalog } from '../core/catalog/catalog';
import { planGeneration, type GenerationPlan } from '../core/agents/generationPlan';
import { generationReportText, type ReportedImage } from '../core/agents/generationReport';
import { parseGenerateToolInput, type GenerateToolInput } from '../core/agents/generateToolInput';
import { imageReference, imageSyntaxFor, type ImageSyntax } from '../core/paths/imageLinks';
import { linkTargetFor } from '../core/paths/markdownLinks';
import { failureMessage } from '../failures/failureMessages';
import type { GenerationJob } from '../generation/generationJob';
import type { GenerationRunner, RunResult } from '../generation/generationRunner';
import type { Logger } from '../logging';
import { resolveToolDocument } from './toolDocument';

export { GENERATE_IMAGE_TOOL } from './toolNames';

export interface GenerateImageToolDeps {
  readonly catalog: () => Catalog;
  readonly runner: GenerationRunner;
  readonly logger: Logger;
}

/** A call prepared: the plan and the document, or the sentence that says why nothing will be generated. */
/** `read`: the settings the plan was made from, read once for the call. */
type Prepared = { readonly plan: GenerationPlan; readonly document: vscode.Uri | undefined; readonly read: SettingsRead } | { readonly problem: string };

async function prepare(catalog: Catalog, raw: unknown): Promise<Prepared> {
  const parsed = parseGenerateToolInput(raw);
  if (!parsed.ok) {
    return { problem: vscode.l10n.t('The tool input is not valid ({0}), so nothing was generated.', parsed.problem) };
  }
  const document = await resolveToolDocument(parsed.input.document);
  if ('problem' in document) {
    return document;
  }
  try {
    const read = readSettings(document.uri);
    return { plan: planGeneration(catalog, parsed.input, read.settings), document: document.uri, read };
  } catch (error) {
    return { problem: failureMessage(error) };
  }
}

/** Where the images will go, workspace-relative, as far as it can be known before the call. */
function destinationLabel(document: vscode.Uri | undefined): string {
  const { settings } = readSettings(document);
  if (!vscode.workspace.workspaceFolders?.length) {
    return vscode.l10n.t('a folder you choose (no folder is open)');
  }
  return settings.assetsFolder.includes('${') ? settings.assetsFolder : `${settings.assetsFolder.replace(/\/+$/, '') || '.'}/`;
}

/** The confirmation: everything that will be spent, before anything is. */
function confirmationText(plan: GenerationPlan, document: vscode.Uri | undefined): vscode.MarkdownString {
  const size = plan.width && plan.height ? `${plan.width}×${plan.height}` : vscode.l10n.t('decided by the model');
  const tokens = plan.tokensPerImage === undefined ? vscode.l10n.t('not documented for this model') : String(plan.tokensPerImage);
  const lines = [
    vscode.l10n.t('Model: {0}', plan.model.id),
    vscode.l10n.t('Size: {0} ({1}, {2})', size, plan.aspectRatio, plan.resolution),
    vscode.l10n.t('Images: {0}', String(plan.count)),
    vscode.l10n.t('Tokens per image: {0}', tokens),
    vscode.l10n.t('Saved to: {0}', destinationLabel(document)),
    ...plan.adjustments.map((a) => vscode.l10n.t('{0} is not offered by this model; {1} is used instead.', a.asked, a.used)),
    vscode.l10n.t('Prompt: {0}', plan.prompt),
  ];
  // Escaped by hand: appendText also turns every space into &nbsp;, which plain-text renderings keep.
  const escape = (line: string): string => line.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
  return new vscode.MarkdownString(lines.map(escape).join('\n\n'));
}

/** The image syntax of the document the image is for (Markdown when there is none, or its language has none). */
async function syntaxOf(document: vscode.Uri | undefined): Promise<ImageSyntax> {
  const opened = document ? await Promise.resolve(vscode.workspace.openTextDocument(document)).catch(() => undefined) : undefined;
  return (opened && imageSyntaxFor(opened.languageId)) ?? 'markdown';
}

function reportedImages(result: RunResult, prompt: string, syntax: ImageSyntax): ReportedImage[] {
  return result.images.map((image) => {
    const linkTarget = linkTargetFor(image.uri.path, result.destination.linkBase);
    return {
      workspacePath: vscode.workspace.asRelativePath(image.uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1),
      linkTarget,
      link: imageReference(syntax, prompt, linkTarget),
      ...(image.width && image.height ? { width: image.width, height: image.height } : {}),
    };
  });
}

function textResult(text: string): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
}

/**
 * The "generate image" language model tool: the same job, runner, files, names and messages as the Generate
 * Image command; the agent gets paths and the link back and places the link itself.
 */
export class GenerateImageTool implements vscode.LanguageModelTool<GenerateToolInput> {
  constructor(private readonly deps: GenerateImageToolDeps) {}

  async prepareInvocation(options: vscode.LanguageModelToolInvocationPrepareOptions<GenerateToolInput>): Promise<vscode.PreparedToolInvocation> {
    const prepared = await prepare(this.deps.catalog(), options.input);
    if ('problem' in prepared) {
      // Nothing will be sent, so there is nothing to confirm; invoke reports the problem.
      return { invocationMessage: vscode.l10n.t('Checking the image request…') };
    }
    const { plan, document } = prepared;
    return {
      invocationMessage: vscode.l10n.t('Generating {0} image(s) with {1}…', String(plan.count), plan.model.id),
      confirmationMessages: {
        title: vscode.l10n.t('Generate an image with DMXAPI?'),
        message: confirmationText(plan, document),
      },
    };
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<GenerateToolInput>, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
    const prepared = await prepare(this.deps.catalog(), options.input);
    if ('problem' in prepared) {
      return textResult(prepared.problem);
    }
    const { plan, document, read } = prepared;
    const { settings } = read;
    const job: GenerationJob = {
      prompt: plan.prompt,
      model: plan.model.id,
      aspectRatio: plan.aspectRatio,
      resolution: plan.resolution,
      count: plan.count,
      options: settings.modelOptions[plan.model.id] ?? {},
      references: [],
    };
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      const result = await this.deps.runner.prepareAndRun(job, document, controller.signal, read);
      return textResult(
        generationReportText({
          plan,
          images: reportedImages(result, plan.prompt, await syntaxOf(document)),
          document: document && vscode.workspace.asRelativePath(document, (vscode.workspace.workspaceFolders?.length ?? 0) > 1),
          texts: result.images[0]?.texts ?? [],
        }),
      );
    } catch (error) {
      this.deps.logger.warn(`generate tool failed: ${error instanceof Error ? error.message : String(error)}`);
      return textResult(failureMessage(error));
    } finally {
      subscription.dispose();
    }
  }
}

