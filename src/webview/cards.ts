import { format } from '../shared/studioChoices';
import type { ErrorView, ImageAction, ImageCard, StudioStrings } from '../shared/studioProtocol';
import { h, icon, iconButton, textButton } from './dom';

/** The cards of the results grid and the history: a generated image, one on its way, and a failure. */

export interface CardContext {
  readonly strings: StudioStrings;
  readonly modelLabel: (id: string) => string;
  readonly act: (action: ImageAction, card: ImageCard) => void;
  readonly reuse: (card: ImageCard) => void;
  /** Whether any model takes reference images (else "Use as Reference" is not offered). */
  readonly referencesPossible: boolean;
  /** Edit mode on this image; absent when no model edits. */
  readonly edit?: (card: ImageCard) => void;
  /** The next instruction for an edited image (a result with a parent); absent: no Refine box. */
  readonly refine?: (card: ImageCard, instruction: string) => void;
  /** What the card's Refine box holds when drawn: the instruction being refined, or one that failed. */
  readonly refineDraft?: (card: ImageCard) => string;
  /** Shows the versions of an edited image above the results. */
  readonly versions?: (card: ImageCard) => void;
}

const timeFormat = new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: 'medium', timeStyle: 'short' });

function meta(card: ImageCard, ctx: CardContext): string {
  const size = card.width && card.height ? `${card.width}×${card.height}` : undefined;
  return [ctx.modelLabel(card.model), card.aspectRatio, card.resolution, size, timeFormat.format(card.createdAt)].filter(Boolean).join(' · ');
}

/** The preview, or a file icon when the file is gone or cannot be shown. */
function preview(card: ImageCard, ctx: CardContext, key: string): HTMLElement {
  const fallback = () => h('span', { className: 'thumb-fallback' }, icon(card.missing ? 'circle-slash' : 'file-media'));
  if (card.missing) {
    return h('div', { className: 'thumb' }, fallback());
  }
  const image = h('img', { attrs: { src: card.src, alt: card.prompt, loading: 'lazy', decoding: 'async' } });
  image.addEventListener('error', () => image.replaceWith(fallback()));
  return h(
    'button',
    { className: 'thumb', focusKey: `${key}:open`, attrs: { type: 'button', title: ctx.strings.open, 'aria-label': `${ctx.strings.open}: ${card.fileName}` }, on: { click: () => ctx.act('open', card) } },
    image,
  );
}

/** Delete sits apart from the others, at the end of the row. */
function deleteButton(label: string, onClick: () => void, focusKey: string): HTMLButtonElement {
  const button = iconButton(label, 'trash', onClick, focusKey);
  button.classList.add('delete');
  return button;
}

function actions(card: ImageCard, ctx: CardContext, key: string): HTMLElement {
  const { strings } = ctx;
  const button = (label: string, name: string, action: () => void, suffix: string) => iconButton(label, name, action, `${key}:${suffix}`);
  const buttons = card.missing
    ? [
        button(strings.reuse, 'history', () => ctx.reuse(card), 'reuse'),
        button(strings.removeFromHistory, 'close', () => ctx.act('forget', card), 'forget'),
      ]
    : [
        textButton(strings.insert, 'insert', () => ctx.act('insert', card), 'button secondary insert', `${key}:insert`),
        button(strings.copyMarkdown, 'copy', () => ctx.act('copyMarkdown', card), 'copy'),
        button(strings.open, 'go-to-file', () => ctx.act('open', card), 'open-file'),
        button(strings.reveal, 'folder-opened', () => ctx.act('reveal', card), 'reveal'),
        button(strings.reuse, 'history', () => ctx.reuse(card), 'reuse'),
        ctx.edit && button(strings.editImage, 'edit', () => ctx.edit?.(card), 'edit'),
        card.parent && ctx.versions ? button(strings.versions, 'versions', () => ctx.versions?.(card), 'versions') : null,
        ctx.referencesPossible && button(strings.useAsReference, 'file-media', () => ctx.act('useAsReference', card), 'reference'),
        deleteButton(strings.delete, () => ctx.act('delete', card), `${key}:delete`),
      ];
  return h('div', { className: 'card-actions', attrs: { role: 'toolbar', 'aria-label': card.fileName } }, ...buttons);
}

export function imageCardView(card: ImageCard, ctx: CardContext, compact: boolean): HTMLElement {
  const key = `${compact ? 'history' : 'result'}:${card.uri}`;
  const texts = card.texts.filter((text) => text.trim());
  return h(
    'article',
    {
      className: `card image-card${compact ? ' compact' : ''}${card.missing ? ' missing' : ''}${texts.length && !compact ? ' with-text' : ''}`,
      attrs: { 'aria-label': card.prompt, 'data-uri': card.uri },
    },
    preview(card, ctx, key),
    h(
      'div',
      { className: 'card-body' },
      h('p', { className: 'card-prompt', attrs: { title: card.prompt } }, card.prompt),
      h('p', { className: 'card-meta' }, card.missing ? ctx.strings.fileMissing : meta(card, ctx)),
      texts.length > 0 && !compact
        ? h('div', { className: 'card-text' }, h('span', { className: 'card-text-label' }, ctx.strings.modelText), ...texts.map((text) => h('p', {}, text)))
        : null,
      actions(card, ctx, key),
      !compact && !card.missing && card.parent && ctx.refine ? refineBox(card, ctx, key) : null,
    ),
  );
}

/** "Refine…": the next instruction for this version, sent with Enter or the button. */
function refineBox(card: ImageCard, ctx: CardContext, key: string): HTMLElement {
  const { strings } = ctx;
  const send = () => {
    const text = input.value.trim();
    // The studio keeps the text while the refine runs and empties the box once it has succeeded.
    if (text) {
      ctx.refine?.(card, text);
    }
  };
  const input = h('input', {
    className: 'refine-input',
    focusKey: `${key}:refine-input`,
    attrs: { type: 'text', placeholder: strings.refinePlaceholder, 'aria-label': `${strings.refineHint}: ${card.fileName}`, value: ctx.refineDraft?.(card) ?? '' },
    on: {
      keydown: (event) => {
        if (event.key === 'Enter' && !event.isComposing) {
          event.preventDefault();
          event.stopPropagation();
          send();
        }
      },
    },
  });
  return h('div', { className: 'refine-row' }, input, textButton(strings.refine, 'sparkle', send, 'button secondary refine-button', `${key}:refine`));
}

/** A placeholder of the chosen shape while an image is on its way. */
export function pendingCardView(strings: StudioStrings, ratio: string): HTMLElement {
  const placeholder = h('div', { className: 'thumb pending-thumb' }, icon('loading', 'codicon-modifier-spin'));
  const match = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(ratio);
  placeholder.style.aspectRatio = match ? `${match[1]} / ${match[2]}` : '1 / 1';
  return h('article', { className: 'card pending', attrs: { 'aria-busy': 'true' } }, placeholder, h('div', { className: 'card-body' }, h('p', { className: 'card-meta' }, strings.pending)));
}

export interface ErrorCardProps {
  readonly id: string;
  readonly error: ErrorView;
  readonly count: number;
  readonly strings: StudioStrings;
  readonly retry: () => void;
  readonly action: (actionId: string) => void;
  readonly dismiss: () => void;
}

export function errorCardView(props: ErrorCardProps): HTMLElement {
  const { error, strings, id } = props;
  return h(
    'article',
    { className: 'card error-card', attrs: { role: 'alert' } },
    h(
      'div',
      { className: 'card-body' },
      h('p', { className: 'error-message' }, icon('error'), h('span', {}, error.message)),
      props.count > 1 ? h('p', { className: 'card-meta' }, format(strings.failedTimes, props.count)) : null,
      h(
        'div',
        { className: 'card-actions' },
        error.retryable ? textButton(strings.retry, 'refresh', props.retry, 'button', `error:${id}:retry`) : null,
        ...error.actions.map((action) => textButton(action.title, undefined, () => props.action(action.id), 'button secondary', `error:${id}:${action.id}`)),
        iconButton(strings.dismiss, 'close', props.dismiss, `error:${id}:dismiss`),
      ),
    ),
  );
}
