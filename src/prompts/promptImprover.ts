import * as vscode from 'vscode';
import { readSettings } from '../config/settings';
import type { Catalog } from '../core/catalog/catalog';
import { DmxApiError } from '../core/errors';
import { streamChatCompletion } from '../core/protocols/chatCompletions';
import { cleanImprovedPrompt, DEFAULT_PROMPT_MODEL, improvePromptMessages } from '../core/prompts/improvePrompt';
import type { GenerationRunner } from '../generation/generationRunner';
import type { Logger } from '../logging';

/** Who rewrites the prompt: a DMXAPI chat model (the default), or one of Copilot's language models. */
export type PromptWriter =
  | { readonly kind: 'dmxapi'; readonly model: string }
  | { readonly kind: 'copilot'; readonly model: vscode.LanguageModelChat };

export interface PromptImproverDeps {
  readonly catalog: () => Catalog;
  readonly runner: GenerationRunner;
  readonly logger: Logger;
  /** Remembers the writer the user picked last. */
  readonly globalState: vscode.Memento;
}

const CHOSEN_WRITER_KEY = 'dmxapi.promptWriter';

export function writerLabel(writer: PromptWriter): string {
  return writer.kind === 'dmxapi' ? `DMXAPI ${writer.model}` : writer.model.name;
}

/** Rewrites prompts for an image model, streaming the text as it comes; shared by the command and the studio. */
export class PromptImprover {
  constructor(private readonly deps: PromptImproverDeps) {}

  /** The DMXAPI writer from `dmxapi.promptModel`. */
  dmxapiWriter(scope?: vscode.Uri): PromptWriter {
    const model = vscode.workspace.getConfiguration('dmxapi', scope).get<string>('promptModel')?.trim() || DEFAULT_PROMPT_MODEL;
    return { kind: 'dmxapi', model };
  }

  /** Copilot's chat models, if any are there (none without Copilot, or before the user allowed access). */
  async copilotWriters(): Promise<PromptWriter[]> {
    try {
      const models = await vscode.lm.selectChatModels({});
      return models.map((model) => ({ kind: 'copilot', model }) as const);
    } catch (error) {
      this.deps.logger.info(`no language models: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  }

  /** The writer used unless the user picks: the one picked last if it is still there, else DMXAPI. */
  async currentWriter(scope?: vscode.Uri): Promise<PromptWriter> {
    const chosen = this.deps.globalState.get<string>(CHOSEN_WRITER_KEY);
    if (chosen) {
      const copilot = (await this.copilotWriters()).find((w) => w.kind === 'copilot' && w.model.id === chosen);
      if (copilot) return copilot;
    }
    return this.dmxapiWriter(scope);
  }

  /** Lets the user pick a writer when Copilot offers models; with none, DMXAPI is used without asking. */
  async pickWriter(scope?: vscode.Uri): Promise<PromptWriter | undefined> {
    const copilot = await this.copilotWriters();
    const dmxapi = this.dmxapiWriter(scope);
    if (copilot.length === 0) {
      return dmxapi;
    }
    const current = await this.currentWriter(scope);
    const items = [dmxapi, ...copilot].map((writer) => ({
      label: writerLabel(writer),
      description: writer.kind === 'dmxapi' ? vscode.l10n.t('dmxapi.promptModel, billed by DMXAPI') : vscode.l10n.t('Copilot language model'),
      picked: writerLabel(writer) === writerLabel(current),
      writer,
    }));
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Improve the prompt with…') });
    if (picked) {
      await this.deps.globalState.update(CHOSEN_WRITER_KEY, picked.writer.kind === 'copilot' ? picked.writer.model.id : undefined);
    }
    return picked?.writer;
  }

  /**
   * Rewrites `prompt` for the image model `imageModel`, calling `onText` with the text so far as it streams.
   * Resolves to the cleaned prompt; a failure is a `DmxApiError` (cancelled included) or a PreflightError.
   */
  async improve(prompt: string, imageModel: string, writer: PromptWriter, onText: (soFar: string) => void, signal: AbortSignal, scope?: vscode.Uri): Promise<string> {
    const model = this.deps.catalog().require(imageModel);
    const messages = improvePromptMessages(prompt, model);
    let soFar = '';
    const append = (text: string): void => {
      soFar += text;
      onText(soFar);
    };
    this.deps.logger.info(`improve prompt: ${writerLabel(writer)} for ${model.id}`);
    if (writer.kind === 'copilot') {
      await this.withCopilot(writer.model, messages, append, signal);
    } else {
      const { settings } = readSettings(scope);
      const apiKey = await this.deps.runner.requireApiKey();
      await streamChatCompletion({ model: writer.model, messages }, {
        baseUrl: settings.baseUrl,
        apiKey,
        timeoutMs: settings.requestTimeoutSeconds * 1000,
        maxRetries: settings.maxRetries,
        signal,
        log: (line) => this.deps.logger.info(line),
      }, append);
    }
    return cleanImprovedPrompt(soFar);
  }

  private async withCopilot(model: vscode.LanguageModelChat, messages: ReturnType<typeof improvePromptMessages>, append: (text: string) => void, signal: AbortSignal): Promise<void> {
    const source = new vscode.CancellationTokenSource();
    const onAbort = (): void => source.cancel();
    signal.addEventListener('abort', onAbort);
    try {
      // Language models take no system role: the instructions go first, as a user message.
      const chat = messages.map((m) => (m.role === 'assistant' ? vscode.LanguageModelChatMessage.Assistant(m.content) : vscode.LanguageModelChatMessage.User(m.content)));
      const response = await model.sendRequest(chat, {}, source.token);
      for await (const text of response.text) {
        if (signal.aborted) break;
        append(text);
      }
      if (signal.aborted) {
        throw new DmxApiError({ kind: 'cancelled' });
      }
    } catch (error) {
      if (signal.aborted || error instanceof vscode.CancellationError) {
        throw new DmxApiError({ kind: 'cancelled' });
      }
      throw error;
    } finally {
      signal.removeEventListener('abort', onAbort);
      source.dispose();
    }
  }
}
