import * as path from 'node:path';
import * as vscode from 'vscode';
import { readSettings } from '../config/settings';
import type { Catalog } from '../core/catalog/catalog';
import { editReportText, parseEditToolInput, planEdit, type EditPlan, type EditToolInput } from '../core/agents/editToolInput';
import { imageReference, imageSyntaxFor } from '../core/paths/imageLinks';
import { linkTargetFor } from '../core/paths/markdownLinks';
import { nextVersionName } from '../core/paths/versionNames';
import type { EditService } from '../editing/editService';
import { failureMessage } from '../failures/failureMessages';
import { linkBaseFor } from '../generation/destination';
import type { Logger } from '../logging';
import { confineUri, workspaceRoots } from '../panel/workspaceFiles';
import { resolveToolDocument } from './toolDocument';

export { EDIT_IMAGE_TOOL } from './toolNames';

export interface EditImageToolDeps {
  readonly catalog: () => Catalog;
  readonly editing: EditService;
  readonly logger: Logger;
}

/** A call prepared: the plan, the image and the document, or the sentence that says why nothing will be edited. */
type Prepared = { readonly plan: EditPlan; readonly image: vscode.Uri; readonly document: vscode.Uri | undefined } | { readonly problem: string };

const multiRoot = (): boolean => (vscode.workspace.workspaceFolders?.length ?? 0) > 1;

/** The image argument as a file inside the workspace: a workspace-relative path (first folder holding it) or a URI. */
async function resolveImage(given: string): Promise<vscode.Uri | undefined> {
  const roots = workspaceRoots();
  if (/^[a-z][\w+.-]+:\/\//i.test(given)) {
    return confineUri(given, roots);
  }
  const relative = given.replace(/\\/g, '/').replace(/^\/+/, '');
  for (const root of roots) {
    const candidate = confineUri(vscode.Uri.joinPath(root, relative).toString(), roots);
    const exists = candidate && (await Promise.resolve(vscode.workspace.fs.stat(candidate)).then(() => true, () => false));
    if (candidate && exists) {
      return candidate;
    }
  }
  return roots[0] && !relative.split('/').includes('..') ? vscode.Uri.joinPath(roots[0], relative) : undefined;
}

async function prepare(catalog: Catalog, raw: unknown): Promise<Prepared> {
  const parsed = parseEditToolInput(raw);
  if (!parsed.ok) {
    return { problem: vscode.l10n.t('The tool input is not valid ({0}), so nothing was edited.', parsed.problem) };
  }
  const image = await resolveImage(parsed.input.image);
  if (!image) {
    return { problem: vscode.l10n.t('The image {0} is not inside the open workspace, so it was not edited.', parsed.input.image) };
  }
  const document = await resolveToolDocument(parsed.input.document);
  if ('problem' in document) {
    return document;
  }
  try {
    const { settings } = readSettings(document.uri ?? image);
    return { plan: planEdit(catalog, parsed.input, settings.model), image, document: document.uri };
  } catch (error) {
    return { problem: failureMessage(error) };
  }
}

/** Where the first version will go, workspace-relative: next to the image, under the next version name. */
async function versionPath(image: vscode.Uri): Promise<string> {
  const folder = image.with({ path: path.posix.dirname(image.path) });
  const names = await Promise.resolve(vscode.workspace.fs.readDirectory(folder)).then((entries) => entries.map(([name]) => name), () => []);
  return vscode.workspace.asRelativePath(vscode.Uri.joinPath(folder, nextVersionName(path.posix.basename(image.path), names)), multiRoot());
}

async function confirmationText(plan: EditPlan, image: vscode.Uri): Promise<vscode.MarkdownString> {
  const tokens = plan.tokensPerImage === undefined ? vscode.l10n.t('not documented for this model') : String(plan.tokensPerImage);
  const lines = [
    vscode.l10n.t('Model: {0}', plan.model.id),
    vscode.l10n.t('Image: {0}', vscode.workspace.asRelativePath(image, multiRoot())),
    vscode.l10n.t('Images: {0}', String(plan.count)),
    vscode.l10n.t('Tokens per image: {0}', tokens),
    vscode.l10n.t('Saved to: {0}', await versionPath(image)),
    vscode.l10n.t('Instruction: {0}', plan.instruction),
  ];
  const escape = (line: string): string => line.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
  return new vscode.MarkdownString(lines.map(escape).join('\n\n'));
}

function textResult(text: string): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
}

/**
 * The "edit image" language model tool: the edit service the studio uses, so the versions, names, lineage and
 * messages are the same; the agent gets the new paths and the link for the document, and places the link itself.
 */
export class EditImageTool implements vscode.LanguageModelTool<EditToolInput> {
  constructor(private readonly deps: EditImageToolDeps) {}

  async prepareInvocation(options: vscode.LanguageModelToolInvocationPrepareOptions<EditToolInput>): Promise<vscode.PreparedToolInvocation> {
    const prepared = await prepare(this.deps.catalog(), options.input);
    if ('problem' in prepared) {
      return { invocationMessage: vscode.l10n.t('Checking the image request…') };
    }
    return {
      invocationMessage: vscode.l10n.t('Editing {0} with {1}…', path.posix.basename(prepared.image.path), prepared.plan.model.id),
      confirmationMessages: { title: vscode.l10n.t('Edit an image with DMXAPI?'), message: await confirmationText(prepared.plan, prepared.image) },
    };
  }

  async invoke(options: vscode.LanguageModelToolInvocationOptions<EditToolInput>, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
    const prepared = await prepare(this.deps.catalog(), options.input);
    if ('problem' in prepared) {
      return textResult(prepared.problem);
    }
    const { plan, image, document } = prepared;
    const { settings } = readSettings(document ?? image);
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      const done = await this.deps.editing.edit(
        {
          model: plan.model.id,
          instruction: plan.instruction,
          sources: [image],
          ...(plan.aspectRatio ? { aspectRatio: plan.aspectRatio } : {}),
          ...(plan.resolution ? { resolution: plan.resolution } : {}),
          count: plan.count,
          options: settings.modelOptions[plan.model.id] ?? {},
          ...(document ? { document } : {}),
        },
        controller.signal,
      );
      const opened = document ? await Promise.resolve(vscode.workspace.openTextDocument(document)).catch(() => undefined) : undefined;
      const syntax = (opened && imageSyntaxFor(opened.languageId)) ?? 'markdown';
      const base = linkBaseFor(document, vscode.workspace.getWorkspaceFolder(document ?? image)?.uri);
      return textResult(
        editReportText({
          model: plan.model.id,
          source: vscode.workspace.asRelativePath(image, multiRoot()),
          versions: done.images.map((saved) => ({
            workspacePath: vscode.workspace.asRelativePath(saved.uri, multiRoot()),
            link: imageReference(syntax, plan.instruction, linkTargetFor(saved.uri.path, base)),
            ...(saved.width && saved.height ? { width: saved.width, height: saved.height } : {}),
          })),
          ...(document ? { document: vscode.workspace.asRelativePath(document, multiRoot()) } : {}),
          texts: done.texts,
          ...(done.notice ? { notice: done.notice } : {}),
        }),
      );
    } catch (error) {
      this.deps.logger.warn(`edit tool failed: ${error instanceof Error ? error.message : String(error)}`);
      return textResult(failureMessage(error));
    } finally {
      subscription.dispose();
    }
  }
}
