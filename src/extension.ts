import * as vscode from 'vscode';
import { ApiKeyStore } from './auth/apiKeyStore';
import { registerApiKeyCommands } from './commands/apiKeyCommands';
import { registerGenerateImage } from './commands/generateImage';
import { createGuard } from './commands/guard';
import { registerSaveKeptImage } from './commands/saveKeptImage';
import { registerSelectModel } from './commands/selectModel';
import { createCatalogProvider } from './config/catalogProvider';
import { ImageGenerator } from './generation/imageGenerator';
import { GenerationRunner } from './generation/runner';
import { createLogger } from './logging';
import { registerImageStudio } from './panel/registerImageStudio';

/** Composition root: builds the shared services and registers each feature. */
export function activate(context: vscode.ExtensionContext): void {
  const keys = new ApiKeyStore(context.secrets);
  const logger = createLogger(() => keys.secretsToRedact());
  const catalog = createCatalogProvider(logger);
  const generator = new ImageGenerator({
    catalog: catalog.get,
    keys,
    logger,
    rescueFolder: vscode.Uri.joinPath(context.globalStorageUri, 'kept-images'),
  });
  const runner = new GenerationRunner(generator, keys, logger);
  const guard = createGuard(logger);

  context.subscriptions.push(
    logger,
    catalog,
    generator,
    registerApiKeyCommands(keys),
    registerSelectModel(catalog.get),
    registerSaveKeptImage(),
    registerGenerateImage({ catalog: catalog.get, runner, guard }),
    registerImageStudio(context, { catalog: catalog.get, runner, generator, guard, logger }),
  );
}

export function deactivate(): void {}
