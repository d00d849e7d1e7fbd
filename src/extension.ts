import * as vscode from 'vscode';
import { registerGenerateImageTool } from './agents/generateImageTool';
import { ApiKeyStore } from './auth/apiKeyStore';
import { registerApiKeyCommands } from './commands/apiKeyCommands';
import { registerConnectAgents } from './commands/connectAgents';
import { registerGenerateImage } from './commands/generateImage';
import { createGuard } from './commands/guard';
import { registerReuseSettings } from './commands/reuseSettings';
import { registerSaveKeptImage } from './commands/saveKeptImage';
import { registerSelectModel } from './commands/selectModel';
import { createCatalogProvider } from './config/catalogProvider';
import type { ReferenceImage } from './core/types';
import { describeError } from './generation/errorPresenter';
import { ImageGenerator, type GenerationJob } from './generation/imageGenerator';
import { readReferenceFiles } from './generation/referenceFiles';
import { GenerationRunner, type RunResult } from './generation/runner';
import { createLogger } from './logging';
import { registerImageStudio } from './panel/registerImageStudio';
import { registerImprovePromptCommand } from './prompts/improvePromptCommand';
import { PromptImprover } from './prompts/promptImprover';

/** What other extensions (and the integration tests) get from `activate`. */
export interface DmxApiImageStudioApi {
  /** Runs a generation for a document (or none) and saves the images; `signal` cancels it. */
  generate(job: GenerationJob, documentUri: vscode.Uri | undefined, signal: AbortSignal): Promise<RunResult>;
  /** Reads image files for `job.references`; one that is gone, a folder or not an image is refused by name. */
  readReferences(uris: readonly vscode.Uri[]): Promise<ReferenceImage[]>;
  /** The sentence a user reads for a failure of `generate` or `readReferences`, in the display language. */
  describeFailure(error: unknown): string;
  /** The folder the extension's log file is written in. */
  readonly logUri: vscode.Uri;
  /** Where images that could not be saved into the workspace are kept until saved elsewhere. */
  readonly keptImagesUri: vscode.Uri;
}

/** Composition root: builds the shared services and registers each feature. */
export function activate(context: vscode.ExtensionContext): DmxApiImageStudioApi {
  const keys = new ApiKeyStore(context.secrets);
  const logger = createLogger(() => keys.secretsToRedact());
  const catalog = createCatalogProvider(logger);
  const rescueFolder = vscode.Uri.joinPath(context.globalStorageUri, 'kept-images');
  const generator = new ImageGenerator({ catalog: catalog.get, keys, logger, rescueFolder });
  const runner = new GenerationRunner(generator, keys, logger);
  const guard = createGuard(logger);
  const improver = new PromptImprover({ catalog: catalog.get, runner, logger, globalState: context.globalState });

  context.subscriptions.push(
    logger,
    catalog,
    generator,
    registerApiKeyCommands(keys),
    registerSelectModel(catalog.get),
    registerSaveKeptImage(),
    registerReuseSettings(),
    registerGenerateImage({ catalog: catalog.get, runner, guard }),
    registerImageStudio(context, { catalog: catalog.get, runner, generator, guard, logger, improver }),
    registerGenerateImageTool({ catalog: catalog.get, runner, logger }),
    registerConnectAgents(context.extensionUri),
    registerImprovePromptCommand(improver, logger),
  );
  return {
    generate: (job, documentUri, signal) => runner.run(job, documentUri, signal),
    readReferences: readReferenceFiles,
    describeFailure: describeError,
    logUri: context.logUri,
    keptImagesUri: rescueFolder,
  };
}

export function deactivate(): void {}
