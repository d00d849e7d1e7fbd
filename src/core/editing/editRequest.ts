import type { Catalog } from '../catalog/catalog';
import { sizeOf } from '../catalog/catalog';
import type { AxisValue, EditSpec, ModelSpec, SizeCell } from '../catalog/modelSpec';
import { DmxApiError } from '../errors';
import { imageSize, sniffImageMime } from '../imageBytes';
import type { FileDigest } from '../metadata/lineage';
import type { GenerationResult, ImageMime } from '../types';
import { checkOptions, checkPrompt, type ResolvedOption } from '../validation';
import { issue, type ValidationIssue } from '../validationIssues';
import type { Conversation, ConversationPart } from './conversation';
import { pngHasAlphaChannel } from './pngHeader';
import { withoutOurMetadata } from './withoutOurMetadata';

/** An image given to an edit: the bytes (their type is sniffed), and where it came from, for messages and metadata. */
export interface EditImage {
  readonly bytes: Uint8Array;
  /** File name, for messages. */
  readonly name?: string;
  /** The file as it is on disk (`fileDigest`), so the new image's record can name it; absent for pasted images. */
  readonly file?: FileDigest;
}

/** What to edit, in catalog ids. */
export interface EditRequest {
  /** Model id or alias; it must have `edit` in the catalog. */
  readonly model: string;
  readonly instruction: string;
  /** The source first, then any others (fusion). May be empty only when `conversation` carries the image. */
  readonly images: readonly EditImage[];
  /** A PNG with alpha at the first image's exact pixel size, for models whose `edit.mask` is set. */
  readonly mask?: EditImage;
  /** Absent: the field is not sent and the model keeps the source's shape (or its own default). */
  readonly aspectRatio?: string;
  readonly resolution?: string;
  readonly count?: number;
  /** Option id → choice id or number, from the model's edit options. */
  readonly options?: Readonly<Record<string, string | number>>;
  /** Earlier turns of a Gemini conversation (`rebuildConversation`); models with `edit.conversation` only. */
  readonly conversation?: Conversation;
}

/** An image of the request with its sniffed type and pixel size. */
export interface CheckedImage extends EditImage {
  readonly mimeType: ImageMime;
  readonly width?: number;
  readonly height?: number;
}

/** An edit checked against its model, in the terms the request builders need. */
export interface ResolvedEdit {
  /** The model as it edits: its edit page's options and count in place of generation's. */
  readonly model: ModelSpec;
  readonly edit: EditSpec;
  readonly instruction: string;
  readonly count: number;
  readonly ratio?: AxisValue;
  readonly resolution?: AxisValue;
  readonly size?: SizeCell;
  readonly options: readonly ResolvedOption[];
  readonly images: readonly CheckedImage[];
  readonly mask?: CheckedImage;
  readonly conversation: Conversation;
}

/** The model turn an edit received, each part with its signature; images are the result's own, by value. */
export interface EditTurn {
  /** True when earlier turns were sent before this one. */
  readonly continues: boolean;
  /** What was sent in this turn: the instruction, then the images. */
  readonly user: readonly ConversationPart[];
  /** What the model answered, in order, thought parts left out; an image that did not arrive is left out too. */
  readonly model: readonly ConversationPart[];
}

export interface EditResult extends GenerationResult {
  /** For models with `edit.conversation`: the turn to keep with the images, so the next refine continues it. */
  readonly turn?: EditTurn;
}

/** The model as it edits: the edit page's options and count where they differ from generation's. */
export function editingModel(model: ModelSpec, edit: EditSpec): ModelSpec {
  return { ...model, options: edit.options ?? model.options, n: edit.n ?? model.n };
}

/**
 * Every image is sent as the model made it or the user had it: a record we embedded (which may hold a
 * conversation's signatures) is taken out first, so it is neither sent nor counted against the limit.
 */
function checkImage(given: EditImage, index: number, edit: EditSpec, issues: ValidationIssue[]): CheckedImage | undefined {
  const image = { ...given, bytes: withoutOurMetadata(given.bytes) };
  const mimeType = sniffImageMime(image.bytes);
  if (mimeType === undefined) {
    issues.push(issue.editImageNotImage(index, image.name));
    return undefined;
  }
  if (!edit.formats.includes(mimeType)) {
    issues.push(issue.editImageFormat(index, image.name, mimeType, edit.formats));
  }
  if (image.bytes.byteLength >= edit.maxBytes) {
    issues.push(issue.editImageTooLarge(index, image.name, image.bytes.byteLength, edit.maxBytes));
  }
  return { ...image, mimeType, ...(imageSize(image.bytes, mimeType) ?? {}) };
}

/** gpt-image-2-image-edit.md: a PNG with alpha, the first image's format and size, under the limit. */
function checkMask(model: ModelSpec, edit: EditSpec, mask: EditImage, first: CheckedImage | undefined, issues: ValidationIssue[]): CheckedImage | undefined {
  if (!edit.mask) {
    issues.push(issue.maskNotAccepted(model.id));
    return undefined;
  }
  if (mask.bytes.byteLength >= edit.mask.maxBytes) {
    issues.push(issue.maskTooLarge(mask.bytes.byteLength, edit.mask.maxBytes));
  }
  if (!pngHasAlphaChannel(mask.bytes)) {
    issues.push(issue.maskWithoutAlpha());
    return undefined;
  }
  const size = imageSize(mask.bytes, 'image/png');
  if (first && first.mimeType !== 'image/png') {
    issues.push(issue.maskFormatMismatch(first.mimeType));
  }
  if (first?.width !== undefined && first.height !== undefined && size && (size.width !== first.width || size.height !== first.height)) {
    issues.push(issue.maskSizeMismatch(size.width, size.height, first.width, first.height));
  }
  return { ...mask, mimeType: 'image/png', ...(size ?? {}) };
}

function checkAxes(model: ModelSpec, request: EditRequest, issues: ValidationIssue[]) {
  const ratio = request.aspectRatio === undefined ? undefined : model.aspectRatios.find((r) => r.id === request.aspectRatio);
  const resolution = request.resolution === undefined ? undefined : model.resolutions.find((r) => r.id === request.resolution);
  if (request.aspectRatio !== undefined && !ratio) {
    issues.push(issue.unknownRatio(request.aspectRatio, model.aspectRatios.map((r) => r.id)));
  }
  if (request.resolution !== undefined && !resolution) {
    issues.push(issue.unknownResolution(request.resolution, model.resolutions.map((r) => r.id)));
  }
  const size = ratio && resolution ? sizeOf(model, ratio.id, resolution.id) : undefined;
  if (ratio && resolution && !size) {
    issues.push(issue.noSize(ratio.id, resolution.id));
  }
  return { ratio, resolution, size };
}

export type EditValidation = { readonly ok: true; readonly edit: ResolvedEdit } | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

/** Everything that can be checked without the server, in generation's terms and issue codes; nothing is sent otherwise. */
export function validateEdit(catalog: Catalog, request: EditRequest): EditValidation {
  const found = catalog.find(request.model);
  if (!found) {
    return { ok: false, issues: [issue.unknownModel(request.model)] };
  }
  if (!found.edit) {
    return { ok: false, issues: [issue.cannotEdit(found.id)] };
  }
  const edit = found.edit;
  const model = editingModel(found, edit);
  const issues: ValidationIssue[] = [];
  const instruction = checkPrompt(model, request.instruction, issues);
  const conversation = request.conversation ?? [];
  if (conversation.length > 0 && !edit.conversation) {
    issues.push(issue.conversationNotAccepted(model.id));
  }
  if (request.images.length === 0 && conversation.length === 0) {
    issues.push(issue.noEditImage());
  }
  if (request.images.length > edit.maxImages) {
    issues.push(issue.tooManyEditImages(request.images.length, edit.maxImages));
  }
  const images = request.images.map((image, index) => checkImage(image, index, edit, issues));
  const mask = request.mask === undefined ? undefined : checkMask(model, edit, request.mask, images[0], issues);
  const { ratio, resolution, size } = checkAxes(model, request, issues);
  const count = request.count ?? 1;
  if (!Number.isInteger(count) || count < 1 || count > model.n.max) {
    issues.push(issue.countOutOfRange(count, model.n.max));
  }
  const options = checkOptions(model, request.options ?? {}, issues);
  if (issues.length > 0) {
    return { ok: false, issues };
  }
  const checked = images.filter((image): image is CheckedImage => image !== undefined);
  return {
    ok: true,
    edit: {
      model,
      edit,
      instruction,
      count,
      ...(ratio ? { ratio } : {}),
      ...(resolution ? { resolution } : {}),
      ...(size ? { size } : {}),
      options,
      images: checked,
      ...(mask ? { mask } : {}),
      conversation,
    },
  };
}

/** `validateEdit` for callers that want the failure as the engine's one error type. */
export function resolveEdit(catalog: Catalog, request: EditRequest): ResolvedEdit {
  const result = validateEdit(catalog, request);
  if (!result.ok) {
    throw new DmxApiError({ kind: 'invalidRequest', issues: result.issues });
  }
  return result.edit;
}
