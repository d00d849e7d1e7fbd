import * as vscode from 'vscode';
import { EditImageTool } from './agents/editImageTool';
import { GenerateImageTool } from './agents/generateImageTool';
import type { EditToolInput } from './core/agents/editToolInput';
import { registerEditImage } from './editing/editImageCommand';
import { EditService } from './editing/editService';
import { registerUseThisVersion } from './editing/useThisVersion';
import type { GenerateToolInput } from './core/agents/generateToolInput';
import { registerConnectAgents } from './commands/connectAgents';
import { ApiKeyStore } from './auth/apiKeyStore';
import { registerApiKeyCommands } from './commands/apiKeyCommands';
import { registerGenerateImage } from './commands/generateImage';
import { createGuard } from './failures/commandGuard';
import { createCommandRegistrar } from './failures/failableCommand';
import { registerReuseSettings } from './commands/reuseSettings';
import { registerSaveKeptImage } from './commands/saveKeptImage';
import { registerSelectModel } from './commands/selectModel';
import { registerForgetConfirmedBaseUrls } from './commands/forgetConfirmedBaseUrls';
import { BaseUrlTrust } from './config/baseUrlTrust';
import { createCatalogProvider } from './config/catalogProvider';
import type { ReferenceImage } from './core/types';
import { failureMessage } from './failures/failureMessages';
import type { GenerationJob } from './generation/generationJob';
import { ImageGenerator } from './generation/imageGenerator';
import { readReferenceFile } from './generation/referenceFiles';
import { GenerationRunner, type RunResult } from './generation/generationRunner';
import { createLogger } from './logging';
import { registerImageStudio } from './panel/registerImageStudio';
import { registerImprovePromptCommand } from './prompts/improvePromptCommand';
import { PromptImprover } from './prompts/promptImprover';

/**
 * Everything the extension does, built on first use: `extension.ts` registers the commands and the panel
 * serializer, and loads this module (its own bundle) when one of them, or the API, is first used.
 */

export interface Features {
  generate(job: GenerationJob, documentUri: vscode.Uri | undefined, signal: AbortSignal): Promise<RunResult>;
  readReferences(uris: readonly vscode.Uri[]): Promise<ReferenceImage[]>;
  describeFailure(error: unknown): string;
  /** Takes over an Image Studio panel VS Code restored after a reload. */
  revivePanel(panel: vscode.WebviewPanel): void;
  /** The Copilot tool, registered by `extension.ts` at activation (VS Code asks for it by name) and built here. */
  readonly generateImageTool: vscode.LanguageModelTool<GenerateToolInput>;
  readonly editImageTool: vscode.LanguageModelTool<EditToolInput>;
  /** Edits and refines images into new versions; the studio's edit mode and the agent tools call it. */
  readonly editing: EditService;
}

/** Builds the shared services and registers every command; they live as long as `context`. */
export function activateFeatures(context: vscode.ExtensionContext, rescueFolder: vscode.Uri): Features {
  const keys = new ApiKeyStore(context.secrets);
  const logger = createLogger(() => keys.secretsToRedact());
  const catalog = createCatalogProvider(logger);
  const generator = new ImageGenerator({ catalog: catalog.get, logger, rescueFolder });
  const baseUrlTrust = new BaseUrlTrust(context.workspaceState);
  const runner = new GenerationRunner(generator, keys, logger, baseUrlTrust);
  const guard = createGuard(logger);
  const register = createCommandRegistrar(logger);
  const improver = new PromptImprover({ catalog: catalog.get, runner, logger, globalState: context.globalState });
  const editing = new EditService({ catalog: catalog.get, runner, generator, logger });
  const studio = registerImageStudio(context, { catalog: catalog.get, runner, generator, register, logger, improver, editing });

  context.subscriptions.push(
    logger,
    catalog,
    generator,
    registerApiKeyCommands(register, keys),
    registerForgetConfirmedBaseUrls(register, baseUrlTrust),
    registerSelectModel(register, catalog.get),
    registerSaveKeptImage(register),
    registerReuseSettings(register),
    registerGenerateImage({ catalog: catalog.get, runner, guard, register }),
    studio,
    registerConnectAgents(register, context.extensionUri),
    registerImprovePromptCommand(register, improver, logger),
    registerEditImage(register),
    registerUseThisVersion(register),
  );
  return {
    generate: (job, documentUri, signal) => runner.prepareAndRun(job, documentUri, signal),
    readReferences: async (uris) => {
      const references: ReferenceImage[] = [];
      for (const uri of uris) {
        references.push(await readReferenceFile(uri));
      }
      return references;
    },
    describeFailure: failureMessage,
    revivePanel: (panel) => studio.revive(panel),
    generateImageTool: new GenerateImageTool({ catalog: catalog.get, runner, logger }),
    editImageTool: new EditImageTool({ catalog: catalog.get, editing, logger }),
    editing,
  };
}
