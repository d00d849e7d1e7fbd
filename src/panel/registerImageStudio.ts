import * as vscode from 'vscode';
import type { Guard } from '../commands/guard';
import { CommandIds } from '../commands/commandIds';
import type { Catalog } from '../core/catalog/catalog';
import type { ImageGenerator } from '../generation/imageGenerator';
import type { GenerationRunner } from '../generation/runner';
import type { Logger } from '../logging';

export interface ImageStudioDeps {
  readonly catalog: () => Catalog;
  readonly runner: GenerationRunner;
  readonly generator: ImageGenerator;
  readonly guard: Guard;
  readonly logger: Logger;
}

/** `dmxapi.openStudio`: the Image Studio panel. */
export function registerImageStudio(_context: vscode.ExtensionContext, _deps: ImageStudioDeps): vscode.Disposable {
  return vscode.commands.registerCommand(CommandIds.openStudio, () => undefined);
}
