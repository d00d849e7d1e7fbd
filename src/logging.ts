import * as vscode from 'vscode';
import { scrubSecret } from './core/errors';

/** The one log channel; lines never hold the API key (the core scrubs it, and every line is scrubbed again here). */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  show(): void;
}

export function createLogger(secrets: () => readonly string[]): Logger & vscode.Disposable {
  const channel = vscode.window.createOutputChannel('DMXAPI Image Studio', { log: true });
  const redact = (message: string) => secrets().reduce(scrubSecret, message);
  return {
    info: (message) => channel.info(redact(message)),
    warn: (message) => channel.warn(redact(message)),
    error: (message) => channel.error(redact(message)),
    show: () => channel.show(true),
    dispose: () => channel.dispose(),
  };
}
