import { apiModelName } from '../catalog/modelSpec';
import type { CheckedImage, ResolvedEdit } from '../editing/editRequest';
import { IMAGE_EXTENSIONS } from '../imageBytes';
import { editFieldValues } from './editFields';
import { buildMultipart, type MultipartPart } from './multipartBody';
import { parseOpenAiImagesAnswer } from './openaiImages';
import type { ParsedAnswer } from './protocol';
import { apiRoot } from './wireFields';

/**
 * OpenAI-style `POST /v1/images/edits` (nano-banana-2-02.md, gpt-image-edit.md, gpt-image-2-image-edit.md): a
 * multipart/form-data body with the text fields, each image as a repeated `image` file part and the mask as
 * `mask`. The answer has the generations endpoint's shape (`data[].b64_json` or `data[].url`).
 */

export const OPENAI_EDITS_PATH = '/v1/images/edits';

export interface EditsWireRequest {
  readonly url: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array<ArrayBuffer>;
}

/** Multipart values are text: numbers as digits, anything else as JSON. */
const fieldText = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value));

/**
 * A plain ASCII file name with the extension of the sniffed type: servers guess the type from it, and the
 * user's own file name (which may say more than the picture) does not leave the machine.
 */
function uploadName(image: CheckedImage, stem: string): string {
  return `${stem}.${IMAGE_EXTENSIONS[image.mimeType]}`;
}

/** The parts in the pages' order: model and prompt, the other fields, then the images and the mask. */
export function openAiEditsParts(edit: ResolvedEdit): MultipartPart[] {
  const field = (name: string, value: unknown): MultipartPart => ({ kind: 'field', name, value: fieldText(value) });
  const file = (name: string, image: CheckedImage, stem: string): MultipartPart => ({
    kind: 'file',
    name,
    fileName: uploadName(image, stem),
    contentType: image.mimeType,
    bytes: image.bytes,
  });
  return [
    field('model', apiModelName(edit.model)),
    field('prompt', edit.instruction),
    ...editFieldValues(edit).map(([path, value]) => field(path, value)),
    ...edit.images.map((image, index) => file(edit.edit.imageField, image, `image-${index + 1}`)),
    ...(edit.mask && edit.edit.mask ? [file(edit.edit.mask.field, edit.mask, 'mask')] : []),
  ];
}

export function buildOpenAiEditsRequest(edit: ResolvedEdit, baseUrl: string, apiKey: string, boundary?: string): EditsWireRequest {
  const multipart = buildMultipart(openAiEditsParts(edit), boundary);
  return {
    url: apiRoot(baseUrl) + OPENAI_EDITS_PATH,
    path: OPENAI_EDITS_PATH,
    headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': multipart.contentType },
    body: multipart.body,
  };
}

/** The edits answer is the images answer. */
export const parseOpenAiEditsAnswer = (json: unknown): ParsedAnswer => parseOpenAiImagesAnswer(json);
