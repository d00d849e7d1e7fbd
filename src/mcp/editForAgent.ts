import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { editReportText, parseEditToolInput, planEdit } from '../core/agents/editToolInput';
import { editImages } from '../core/editing/editImages';
import { editedImageWithMetadata, fileDigest } from '../core/editing/editRecord';
import type { EditRequest } from '../core/editing/editRequest';
import { sidecarFileName } from '../core/metadata/record';
import { isInside } from '../core/paths/assetsFolder';
import { extensionForMime } from '../core/paths/fileNames';
import { linkTargetFor, markdownImage } from '../core/paths/markdownLinks';
import { nextVersionName } from '../core/paths/versionNames';
import { answerAgentCall, engineConfigFor, failure, type AgentCallDeps, type AgentCallResult } from './agentCall';
import { ensureFolderInside, fromPosixPath, keepElsewhere, toPosixPath, writeNewFile, writeNewFileNamed } from './workspaceFiles';

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
export function editForAgent(raw: unknown, deps: AgentCallDeps, signal?: AbortSignal): Promise<AgentCallResult> {
  const { config, catalog } = deps;
  return answerAgentCall(deps, 'edited', async (apiKey) => {
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
    const result = await editImages(catalog, request, engineConfigFor(deps, apiKey, signal));
    const createdAt = Date.now();
    // Paid for from here on: a folder that cannot be listed any more fails the write below, which keeps the images.
    const taken = await readdir(fromPosixPath(folder)).catch((): string[] => []);
    const linkBase = { ...(document ? { documentPath: document } : {}), workspaceFolder: root };
    const versions = [];
    const ready = result.images.map((generated) =>
      editedImageWithMetadata(generated, { request, model: result.model, texts: result.texts, parent, ...(result.turn ? { turn: result.turn } : {}), createdAt, apiKey }),
    );
    /** The next version's name, taken so that no later one gets it. */
    const claimName = (mimeType: string): string => {
      const next = nextVersionName(name, taken, `.${extensionForMime(mimeType)}`);
      taken.push(next);
      return next;
    };
    for (const [index, { image: version, sidecar }] of ready.entries()) {
      let written: string;
      let tried: string | undefined;
      try {
        written = await writeNewFileNamed(folder, () => (tried = claimName(version.mimeType)), version.bytes);
      } catch (error) {
        // Paid for: what could not be written next to the source is kept in the system's temporary folder, under the
        // names it would have had there.
        const rest = ready.slice(index).map((r, i) => ({ bytes: r.image.bytes, name: (i === 0 ? tried : undefined) ?? claimName(r.image.mimeType) }));
        const kept = await keepElsewhere(rest);
        throw new Error(`The edited images were made but could not be saved into ${folder} (${String(error)}). They are kept in ${kept.join(', ')}.`);
      }
      if (sidecar !== undefined) {
        await writeNewFile(folder, sidecarFileName(path.posix.basename(written)), new TextEncoder().encode(sidecar));
      }
      versions.push({
        workspacePath: path.posix.relative(root, written),
        link: markdownImage(plan.instruction, linkTargetFor(written, linkBase)),
        ...(version.width && version.height ? { width: version.width, height: version.height } : {}),
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
  });
}
