import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import * as path from 'node:path';
import { planGeneration } from '../core/agents/generationPlan';
import { generationReportText, type ReportedImage } from '../core/agents/generationReport';
import { parseGenerateToolInput } from '../core/agents/generateToolInput';
import { generateImages } from '../core/engine';
import { imageWithMetadataInSlices } from '../core/imageWithMetadata';
import { sidecarFileName } from '../core/metadata/record';
import { isInside, resolveAssetsFolder } from '../core/paths/assetsFolder';
import { imageFileName } from '../core/paths/fileNames';
import { linkTargetFor, markdownImage, type LinkBase } from '../core/paths/markdownLinks';
import type { GeneratedImage, GenerationRequest } from '../core/types';
import { answerAgentCall, engineConfigFor, failure, type AgentCallDeps, type AgentCallResult } from './agentCall';
import type { McpConfig } from './mcpConfig';
import { ensureFolderInside, fromPosixPath, keepElsewhere, toPosixPath, writeNewFile } from './workspaceFiles';

/** Where a generation goes in the workspace, or the sentence saying why it cannot go there. */
async function destination(config: McpConfig, document: string | undefined): Promise<{ folder: string; linkBase: LinkBase; document?: string } | { problem: string }> {
  const root = toPosixPath(config.workspaceRoot);
  let documentPath: string | undefined;
  if (document) {
    const given = toPosixPath(document);
    documentPath = path.posix.isAbsolute(given) ? path.posix.normalize(given) : path.posix.join(root, given);
    if (!isInside(root, documentPath)) {
      return { problem: `The document ${document} is not inside the workspace root ${config.workspaceRoot}, so no image was generated for it.` };
    }
  }
  const resolved = resolveAssetsFolder(config.assetsFolder, { workspaceFolder: root, ...(documentPath ? { documentPath } : {}) });
  if (!resolved.ok) {
    return { problem: `The assets folder "${config.assetsFolder}" cannot be used (${resolved.reason}: ${resolved.detail}); it must stay inside the workspace root.` };
  }
  try {
    // Before anything is paid for: the folder exists, is inside the root (links resolved) and can be written.
    await ensureFolderInside(root, resolved.folder);
    await access(fromPosixPath(resolved.folder), constants.W_OK);
  } catch (error) {
    return { problem: `Images cannot be saved in ${resolved.folder}: ${error instanceof Error ? error.message : String(error)}` };
  }
  return {
    folder: resolved.folder,
    linkBase: { ...(documentPath ? { documentPath } : {}), workspaceFolder: root },
    ...(documentPath ? { document: path.posix.relative(root, documentPath) } : {}),
  };
}

async function save(
  images: readonly GeneratedImage[],
  facts: { request: GenerationRequest; model: string; texts: readonly string[]; createdAt: number; apiKey: string },
  folder: string,
): Promise<{ path: string; image: GeneratedImage }[]> {
  const ready = await Promise.all(images.map((image) => imageWithMetadataInSlices(image, facts)));
  const named = ready.map((r) => ({ ...r, name: imageFileName(facts.request.prompt, new Date(facts.createdAt), r.image.mimeType) }));
  const saved: { path: string; image: GeneratedImage }[] = [];
  for (const [index, item] of named.entries()) {
    let written: string;
    try {
      written = await writeNewFile(folder, item.name, item.image.bytes);
    } catch (error) {
      const kept = await keepElsewhere(named.slice(index).map((n) => ({ bytes: n.image.bytes, name: n.name })));
      throw new Error(`The images were generated but could not be saved into ${folder} (${String(error)}). They are kept in ${kept.join(', ')}.`);
    }
    if (item.sidecar !== undefined) {
      await writeNewFile(folder, sidecarFileName(path.posix.basename(written)), new TextEncoder().encode(item.sidecar));
    }
    saved.push({ path: written, image: item.image });
  }
  return saved;
}

/**
 * The MCP "generate_image" call: the same input, plan, engine, metadata, file names and links as the extension's
 * tool, with files written through Node inside the configured workspace root.
 */
export function generateForAgent(raw: unknown, deps: AgentCallDeps, signal?: AbortSignal): Promise<AgentCallResult> {
  const { config, catalog } = deps;
  return answerAgentCall(deps, 'generated', async (apiKey) => {
    const parsed = parseGenerateToolInput(raw);
    if (!parsed.ok) {
      return failure(`The tool input is not valid (${parsed.problem}), so nothing was generated.`);
    }
    const fallbackModel = config.model ?? catalog.models[0]?.id ?? '';
    const plan = planGeneration(catalog, parsed.input, { model: fallbackModel });
    const place = await destination(config, parsed.input.document);
    if ('problem' in place) {
      return failure(place.problem);
    }
    const request: GenerationRequest = {
      model: plan.model.id,
      prompt: plan.prompt,
      aspectRatio: plan.aspectRatio,
      resolution: plan.resolution,
      count: plan.count,
    };
    const result = await generateImages(catalog, request, engineConfigFor(deps, apiKey, signal));
    const saved = await save(result.images, { request, model: result.model, texts: result.texts, createdAt: Date.now(), apiKey }, place.folder);
    const root = toPosixPath(config.workspaceRoot);
    const images: ReportedImage[] = saved.map(({ path: file, image }) => {
      const linkTarget = linkTargetFor(file, place.linkBase);
      return {
        workspacePath: path.posix.relative(root, file),
        linkTarget,
        link: markdownImage(plan.prompt, linkTarget),
        ...(image.width && image.height ? { width: image.width, height: image.height } : {}),
      };
    });
    return { text: generationReportText({ plan, images, ...(place.document ? { document: place.document } : {}), texts: result.texts }), isError: false };
  });
}
