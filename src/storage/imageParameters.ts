import * as vscode from 'vscode';
import { readMetadata } from '../core/metadata/imageMetadata';
import { parseSidecar, sidecarFileName, type MetadataRecord } from '../core/metadata/record';

/** The parameters saved with an image: inside it (PNG iTXt, JPEG/WebP XMP), else in its `.json` sidecar. */
export async function readImageParameters(uri: vscode.Uri): Promise<MetadataRecord | undefined> {
  return readMetadata(await vscode.workspace.fs.readFile(uri)) ?? readSidecarParameters(uri);
}

/** The parameters in the image's `.json` sidecar, written when the image could not carry them inside. */
export async function readSidecarParameters(uri: vscode.Uri): Promise<MetadataRecord | undefined> {
  const sidecar = vscode.Uri.joinPath(uri, '..', sidecarFileName(uri.path.split('/').pop() ?? ''));
  try {
    return parseSidecar(new TextDecoder().decode(await vscode.workspace.fs.readFile(sidecar)));
  } catch {
    return undefined;
  }
}
