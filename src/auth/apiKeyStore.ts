import * as vscode from 'vscode';

const SECRET_KEY = 'dmxapi.apiKey';
export const API_KEY_ENV = 'DMXAPI_API_KEY';

/** The API key: SecretStorage first, then the `DMXAPI_API_KEY` environment variable. Never settings. */
export class ApiKeyStore {
  /** Last key seen, so the logger can redact it synchronously. */
  private known: string | undefined;

  constructor(private readonly secrets: vscode.SecretStorage) {}

  async get(): Promise<string | undefined> {
    const stored = (await this.secrets.get(SECRET_KEY))?.trim();
    const key = stored || process.env[API_KEY_ENV]?.trim() || undefined;
    this.known = key;
    return key;
  }

  async set(key: string): Promise<void> {
    this.known = key.trim();
    await this.secrets.store(SECRET_KEY, key.trim());
  }

  async clear(): Promise<void> {
    this.known = undefined;
    await this.secrets.delete(SECRET_KEY);
  }

  /** Keys to scrub from every log line. */
  secretsToRedact(): readonly string[] {
    return [this.known, process.env[API_KEY_ENV]].filter((k): k is string => !!k);
  }

  /** Asks for a key in a password box and stores it; undefined if the user backs out. */
  async prompt(): Promise<string | undefined> {
    const key = await vscode.window.showInputBox({
      title: vscode.l10n.t('DMXAPI API Key'),
      prompt: vscode.l10n.t('Paste your DMXAPI key. It is kept in VS Code\'s secret storage, never in settings.'),
      placeHolder: 'sk-…',
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim().length < 8 ? vscode.l10n.t('That is too short to be a DMXAPI key.') : undefined),
    });
    if (!key) {
      return undefined;
    }
    await this.set(key);
    return key.trim();
  }
}
