import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { editReportText, parseEditToolInput, planEdit } from '../core/agents/editToolInput';
import { editImages } from '../core/editing/editImages';
import { editedImageWithMetadata, fileDigest } from '../core/editing/editRecord';
import type { EditRequest } from '../core/editing/editRequest';
import { DmxApiError, scrubSecret } from '../core/errors';
import { sidecarFileName } from '../core/metadata/record';
import { isInside } from '../core/paths/assetsFolder';
import { extensionForMime } from '../core/paths/fileNames';
import { linkTargetFor, markdownImage } from '../core/paths/markdownLinks';
import { nextVersionName } from '../core/paths/versionNames';
import type { AgentCallDeps, AgentCallResult } from './generateForAgent';
import { MCP_ENV } from './mcpConfig';
import { keepElsewhere } from './generateForAgent';
import { ensureFolderInside, fromPosixPath, toPosixPath, writeNewFile, writeNewFileNamed } from './workspaceFiles';

const failure = (text: string): AgentCallResult => ({ text, isError: true });

/** A path the agent gave, absolute and inside the root, or undefined when it would leave it. */
function insideRoot(root: string, given: string): string | undefined {
  const posix = toPosixPath(given);
  const absolute = path.posix.isAbsolute(posix) ? path.posix.normalize(posix) : path.posix.join(root, posix);
  return isInside(root, absolute) ? absolute : undefined;
}

/**
 * The MCP "edit_image" call: the same input, engine, metadata, version names and links as the extension's tool,
 * reading and writing only inside the workspace root (links resolved). The version goes next to the image.
 */
export async function editForAgent(raw: unknown, deps: AgentCallDeps, signal?: AbortSignal): Promise<AgentCallResult> {
  const { config, catalog, apiKey } = deps;
  if (!apiKey) {
    return failure(`No DMXAPI key: set ${MCP_ENV.apiKey} in the environment of this MCP server (the "env" of the agent's MCP configuration). Nothing was edited.`);
  }
  try {
    const parsed = parseEditToolInput(raw);
    if (!parsed.ok) {
      return failure(`The tool input is not valid (${parsed.problem}), so nothing was edited.`);
    }
    const root = toPosixPath(config.workspaceRoot);
    const image = insideRoot(root, parsed.input.image);
    const document = parsed.input.document === undefined ? undefined : insideRoot(root, parsed.input.document);
    if (!image || (parsed.input.document !== undefined && !document)) {
      return failure(`${image ? parsed.input.document : parsed.input.image} is not inside the workspace root ${config.workspaceRoot}, so nothing was edited.`);
    }
    const folder = path.posix.dirname(image);
    // Before anything is paid for: the image's folder is inside the root with links resolved.
    await ensureFolderInside(root, folder);
    const bytes = await readFile(fromPosixPath(image)).catch(() => undefined);
    if (!bytes) {
      return failure(`The image ${parsed.input.image} cannot be read, so nothing was edited.`);
    }
    const plan = planEdit(catalog, parsed.input, config.model);
    const name = path.posix.basename(image);
    const parent = fileDigest(name, bytes);
    const request: EditRequest = {
      model: plan.model.id,
      instruction: plan.instruction,
      images: [{ bytes, name, file: parent }],
      count: plan.count,
      ...(plan.aspectRatio ? { aspectRatio: plan.aspectRatio } : {}),
      ...(plan.resolution ? { resolution: plan.resolution } : {}),
    };
    const result = await editImages(catalog, request, {
      baseUrl: config.baseUrl,
      apiKey,
      timeoutMs: config.timeoutMs,
      maxRetries: config.maxRetries,
      ...(signal ? { signal } : {}),
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      log: deps.log,
    });
    const createdAt = Date.now();
    const taken = await readdir(fromPosixPath(folder));
    const linkBase = { ...(document ? { documentPath: document } : {}), workspaceFolder: root };
    const versions = [];
    const ready = result.images.map((generated) =>
      editedImageWithMetadata(generated, { request, model: result.model, texts: result.texts, parent, ...(result.turn ? { turn: result.turn } : {}), createdAt, apiKey }),
    );
    for (const [index, generated] of result.images.entries()) {
      let written: string;
      try {
        written = await writeNewFileNamed(
          folder,
          () => {
            const next = nextVersionName(name, taken, `.${extensionForMime(ready[index]!.image.mimeType)}`);
            taken.push(next);
            return next;
          },
          ready[index]!.image.bytes,
        );
      } catch (error) {
        // Paid for: what could not be written next to the source is kept in the system's temporary folder.
        const rest = ready.slice(index).map((r) => ({ bytes: r.image.bytes, name: nextVersionName(name, taken, `.${extensionForMime(r.image.mimeType)}`) }));
        const kept = await keepElsewhere(rest);
        throw new Error(`The edited images were made but could not be saved into ${folder} (${String(error)}). They are kept in ${kept.join(', ')}.`);
      }
      const readyImage = ready[index]!;
      if (readyImage.sidecar !== undefined) {
        await writeNewFile(folder, sidecarFileName(path.posix.basename(written)), new TextEncoder().encode(readyImage.sidecar));
      }
      versions.push({
        workspacePath: path.posix.relative(root, written),
        link: markdownImage(plan.instruction, linkTargetFor(written, linkBase)),
        ...(generated.width && generated.height ? { width: generated.width, height: generated.height } : {}),
      });
    }
    const text = editReportText({
      model: plan.model.id,
      source: path.posix.relative(root, image),
      versions,
      ...(document ? { document: path.posix.relative(root, document) } : {}),
      texts: result.texts,
    });
    return { text, isError: false };
  } catch (error) {
    const message = error instanceof DmxApiError ? error.message : error instanceof Error ? error.message : String(error);
    return failure(scrubSecret(message, apiKey));
  }
}
