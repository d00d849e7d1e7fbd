// A display language for code-server without the network. VS Code switches its display language (and with it
// `vscode.env.language`, package.nls.<lang>.json and l10n/bundle.l10n.<lang>.json) only when a language pack for
// that locale is installed *and* registered; `--locale` alone falls back to English. A minimal pack with an empty
// translation of VS Code's own strings is enough for our strings to show in that language.
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { installExtension, type Sandbox } from './codeServer';
import { projectRoot } from './paths';

const PUBLISHER = 'dmxapi-tests';
const VERSION = '1.0.0';

const languageNames: Readonly<Record<string, { readonly name: string; readonly localized: string }>> = {
  'zh-cn': { name: 'Chinese Simplified', localized: '中文(简体)' },
};

/** Packages, installs and registers a minimal language pack for `locale` in the sandbox. */
export async function installLanguagePack(sandbox: Sandbox, locale: string): Promise<void> {
  const names = languageNames[locale];
  if (!names) throw new Error(`no language pack known for "${locale}"`);
  const name = `language-pack-${locale}`;
  const source = path.join(sandbox.root, name);
  await mkdir(path.join(source, 'translations'), { recursive: true });
  const manifest = {
    name,
    publisher: PUBLISHER,
    version: VERSION,
    license: 'MIT',
    engines: { vscode: '^1.100.0' },
    categories: ['Language Packs'],
    contributes: {
      localizations: [
        {
          languageId: locale,
          languageName: names.name,
          localizedLanguageName: names.localized,
          translations: [{ id: 'vscode', path: './translations/main.i18n.json' }],
        },
      ],
    },
  };
  await writeFile(path.join(source, 'package.json'), JSON.stringify(manifest, null, 2));
  await writeFile(path.join(source, 'translations', 'main.i18n.json'), JSON.stringify({ version: '1.0.0', contents: {} }));
  await writeFile(path.join(source, 'README.md'), `A ${names.name} language pack for tests.\n`);
  const vsix = path.join(sandbox.root, `${name}.vsix`);
  const vsce = path.join(projectRoot, 'node_modules', '.bin', 'vsce');
  await promisify(execFile)(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix], {
    cwd: source,
    env: sandbox.env,
    timeout: 120_000,
  });
  await installExtension(sandbox, vsix);
  // The CLI install does not register the pack; the workbench reads the registry from this file.
  const id = `${PUBLISHER}.${name}`;
  const registry = {
    [locale]: {
      hash: VERSION,
      extensions: [{ extensionIdentifier: { id }, version: VERSION }],
      translations: { vscode: path.join(sandbox.extensionsDir, `${id}-${VERSION}`, 'translations', 'main.i18n.json') },
      label: names.localized,
    },
  };
  await writeFile(path.join(sandbox.userDataDir, 'languagepacks.json'), JSON.stringify(registry, null, 2));
}
