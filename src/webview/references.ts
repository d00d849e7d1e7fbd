import type { ModelSpec } from '../core/catalog/modelSpec';
import { formatBytes } from '../core/http/logFormat';
import { sniffImageMime } from '../core/imageMime';
import { format } from '../shared/studioChoices';
import type { ReferenceView, StudioStrings } from '../shared/studioProtocol';
import { h, iconButton, textButton } from './dom';
import { post } from './vscodeApi';
import { droppedFilesMessage } from './dropTarget';

/**
 * Reference images: the list of thumbnails, and the three ways in. Files from the picker and the Explorer go to
 * the host as URIs; a pasted image is the one case where bytes cross, once, after the type and size check here.
 */

export interface ReferencesContext {
  readonly model: ModelSpec;
  readonly strings: StudioStrings;
  readonly references: readonly ReferenceView[];
  readonly notify: (level: 'warning' | 'error', message: string) => void;
}

/** The section, or nothing for a model that takes no references and none attached. */
export function referencesField(ctx: ReferencesContext): HTMLElement | null {
  const { model, strings, references } = ctx;
  const max = model.references.max;
  if (max === 0 && references.length === 0) {
    return null;
  }
  const warning =
    max === 0
      ? format(strings.referencesIgnored, model.label)
      : references.length > max
        ? format(strings.referencesOverLimit, model.label, max)
        : undefined;
  const thumbs = references.map((reference, index) =>
    h(
      'li',
      { className: `reference${max > 0 && index >= max ? ' unused' : ''}` },
      h('img', { attrs: { src: reference.src, alt: reference.name } }),
      iconButton(format(strings.removeReference, reference.name), 'close', () => post({ type: 'removeReference', id: reference.id }), `reference:${reference.id}`),
    ),
  );
  return h(
    'div',
    { className: 'field references-field' },
    h('span', { className: 'field-label', attrs: { id: 'references-label' } }, strings.references),
    h(
      'ul',
      { className: 'references', attrs: { 'aria-labelledby': 'references-label' } },
      ...thumbs,
      max > 0 && references.length < max
        ? h('li', {}, textButton(strings.addReference, 'add', () => post({ type: 'pickReferences' }), 'button secondary add-reference', 'add-reference'))
        : null,
    ),
    max > 0 ? h('p', { className: 'hint' }, format(strings.referencesHint, max, formatBytes(model.references.maxBytes))) : null,
    warning ? h('p', { className: 'hint warning', attrs: { role: 'status' } }, warning) : null,
  );
}

type ImageContext = Pick<ReferencesContext, 'model' | 'strings' | 'notify'> & {
  /** In edit mode a drop chooses the image edited instead of adding references. */
  readonly editing: boolean;
};

/** Bytes as base64 in the page (no Buffer here), in slices so a large image does not overflow the call stack. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** Checks a pasted (or OS-dropped) image here, then hands its bytes to the host in one message. */
async function sendImageFile(file: File, ctx: ImageContext): Promise<void> {
  const { model, strings } = ctx;
  if (model.references.max === 0) {
    ctx.notify('warning', format(strings.referencesIgnored, model.label));
    return;
  }
  if (file.size > model.references.maxBytes) {
    ctx.notify('error', format(strings.referenceTooLarge, formatBytes(file.size), model.label, formatBytes(model.references.maxBytes)));
    return;
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (!sniffImageMime(bytes)) {
    ctx.notify('error', strings.referenceNotImage);
    return;
  }
  post({ type: 'pasteReference', name: file.name, base64: toBase64(bytes) });
}

const URI_LIST_TYPES = ['application/vnd.code.uri-list', 'text/uri-list'];

/** The URIs of a drop from the Explorer (VS Code's own list first, then the standard one). */
function droppedUris(transfer: DataTransfer): string[] {
  for (const type of URI_LIST_TYPES) {
    const text = transfer.getData(type);
    const uris = text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    if (uris.length) {
      return uris;
    }
  }
  return [];
}

function carriesFiles(transfer: DataTransfer | null): boolean {
  return !!transfer && [...URI_LIST_TYPES, 'Files'].some((type) => transfer.types.includes(type));
}

/** Image files on the clipboard or in a drop from outside VS Code. */
function imageFiles(transfer: DataTransfer): File[] {
  return [...transfer.items].filter((item) => item.kind === 'file' && item.type.startsWith('image/')).flatMap((item) => item.getAsFile() ?? []);
}

/**
 * Paste and drop anywhere on the page. Files dragged from the Explorer (Shift held) arrive as a uri-list and go
 * to the host as URIs; image files from the clipboard or from outside VS Code are checked here and sent.
 */
export function listenForReferenceImages(context: () => ImageContext | undefined): void {
  document.addEventListener('paste', (event) => {
    const files = event.clipboardData ? imageFiles(event.clipboardData) : [];
    const ctx = context();
    if (files.length && ctx) {
      event.preventDefault();
      files.forEach((file) => void sendImageFile(file, ctx));
    }
  });
  let depth = 0;
  const dragging = (on: boolean) => document.body.classList.toggle('dragging', on);
  document.addEventListener('dragenter', (event) => {
    if (carriesFiles(event.dataTransfer)) {
      depth += 1;
      dragging(true);
    }
  });
  document.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    dragging(depth > 0);
  });
  document.addEventListener('dragover', (event) => {
    if (event.dataTransfer && carriesFiles(event.dataTransfer)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  });
  document.addEventListener('drop', (event) => {
    depth = 0;
    dragging(false);
    const transfer = event.dataTransfer;
    if (!transfer || !carriesFiles(transfer)) {
      return;
    }
    event.preventDefault();
    const ctx = context();
    const message = droppedFilesMessage(!!ctx?.editing, droppedUris(transfer));
    if (message) {
      post(message);
    } else if (ctx?.editing) {
      // The image edited is a file in the workspace, so its versions can be saved next to it.
      ctx.notify('warning', ctx.strings.editDropFromExplorer);
    } else if (ctx) {
      imageFiles(transfer).forEach((file) => void sendImageFile(file, ctx));
    }
  });
}
