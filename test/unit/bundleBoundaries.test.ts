import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';

/**
 * Each bundle compiles with the libraries it runs in: these compile a one-line probe beside the bundle's sources
 * with that bundle's tsconfig, so a Node global in the webview or a DOM global in the core or the extension is a
 * compile error, and the same probe under the other configuration (the control) compiles.
 */

const root = path.resolve(__dirname, '..', '..', '..');

function diagnosticsOf(tsconfig: string, folder: string, source: string): string[] {
  const configPath = path.join(root, tsconfig);
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  assert.ok(parsed, `${tsconfig} is readable`);
  const probe = path.join(root, folder, '__boundaryProbe.ts');
  const host = ts.createCompilerHost(parsed.options);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => (path.resolve(file) === probe ? source : readFile(file));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => path.resolve(file) === probe || fileExists(file);
  const program = ts.createProgram([probe], { ...parsed.options, noEmit: true }, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && path.resolve(d.file.fileName) === probe)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

const NODE_GLOBAL = 'export const bytes = Buffer.from("x");\n';
const DOM_GLOBAL = 'export const title = document.title;\n';

test('Buffer in the webview is a compile error; the same line compiles in the core', () => {
  assert.match(diagnosticsOf('src/webview/tsconfig.json', 'src/webview', NODE_GLOBAL).join('\n'), /Cannot find name 'Buffer'/);
  assert.deepEqual(diagnosticsOf('src/core/tsconfig.json', 'src/core', NODE_GLOBAL), []);
});

test('document in the core or the extension is a compile error; the same line compiles in the webview', () => {
  assert.match(diagnosticsOf('src/core/tsconfig.json', 'src/core', DOM_GLOBAL).join('\n'), /Cannot find name 'document'/);
  assert.match(diagnosticsOf('tsconfig.json', 'src/panel', DOM_GLOBAL).join('\n'), /Cannot find name 'document'/);
  assert.deepEqual(diagnosticsOf('src/webview/tsconfig.json', 'src/webview', DOM_GLOBAL), []);
});
