import { format } from '../shared/studioChoices';
import { h, icon, replaceChildren, textButton } from './dom';
import { keptPicks, pickVersion } from './lineagePicks';

/**
 * The versions of an image in order, v1 → v2 → v3 …: a thumbnail each, the selected one highlighted, "Use This
 * Version" on each, and a Compare toggle on each, two of which open the before/after view.
 */

export interface LineageVersion {
  /** Identifies the version (its file's URI); callbacks hand back the whole version. */
  readonly uri: string;
  /** A URI the page may load for the thumbnail. */
  readonly src: string;
  /** A short name, e.g. "v2". */
  readonly label: string;
  /** The instruction that made it (empty for the original). */
  readonly instruction: string;
  /** The file is gone from disk: shown, but neither usable nor comparable. */
  readonly missing: boolean;
}

export interface LineageStrings {
  /** Names the strip, e.g. "Versions". */
  readonly versions: string;
  readonly useVersion: string;
  /** Shown instead of Use This Version on the version the document links, e.g. "In use". */
  readonly inUse: string;
  /** The Compare toggle's accessible name: "Compare {0}" (the version's label). */
  readonly compare: string;
  /** After one pick: "Pick another version to compare with {0}." */
  readonly compareHint: string;
  readonly fileMissing: string;
  /** The original's caption where an instruction would go, e.g. "Original". */
  readonly original: string;
}

export interface LineageOptions {
  readonly versions: readonly LineageVersion[];
  readonly strings: LineageStrings;
  /** The selected version's URI (default: the newest). */
  readonly selected?: string;
  /** The version the document links now, if known. */
  readonly inUse?: string;
  readonly onSelect: (version: LineageVersion) => void;
  readonly onUse: (version: LineageVersion) => void;
  /** Two versions were picked: the older first. */
  readonly onCompare: (before: LineageVersion, after: LineageVersion) => void;
}

export interface LineageUpdate {
  readonly versions?: readonly LineageVersion[];
  readonly selected?: string;
  readonly inUse?: string;
}

export class LineageStrip {
  readonly element: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly hint: HTMLElement;
  private versions: readonly LineageVersion[];
  private selectedUri: string | undefined;
  private inUse: string | undefined;
  private picked: readonly string[] = [];

  constructor(private readonly options: LineageOptions) {
    this.versions = options.versions;
    this.selectedUri = options.selected ?? options.versions.at(-1)?.uri;
    this.inUse = options.inUse;
    this.list = h('ol', { className: 'lineage-list', attrs: { 'aria-label': options.strings.versions } });
    this.hint = h('p', { className: 'hint lineage-hint', attrs: { role: 'status' } });
    this.element = h('section', { className: 'lineage', attrs: { 'aria-label': options.strings.versions } }, this.list, this.hint);
    this.render();
  }

  get selected(): LineageVersion | undefined {
    return this.versions.find((v) => v.uri === this.selectedUri);
  }

  /** The versions picked for comparison (one waiting for a second, or the last pair). */
  get picks(): readonly string[] {
    return this.picked;
  }

  /** New data from the host: versions, selection or the linked version; the picks that still exist are kept. */
  update(update: LineageUpdate): void {
    this.versions = update.versions ?? this.versions;
    this.selectedUri = update.selected ?? (this.versions.some((v) => v.uri === this.selectedUri) ? this.selectedUri : this.versions.at(-1)?.uri);
    this.inUse = update.inUse ?? this.inUse;
    this.picked = keptPicks(this.picked, this.versions.map((v) => v.uri));
    this.render();
  }

  /** Selects a version, as a click on it does, and tells the caller. */
  select(uri: string): void {
    const version = this.versions.find((v) => v.uri === uri);
    if (!version) {
      return;
    }
    this.selectedUri = uri;
    this.render();
    this.options.onSelect(version);
  }

  /** Picks or unpicks a version for comparison; the second pick raises onCompare. */
  pick(uri: string): void {
    const result = pickVersion(this.picked, uri, this.versions.map((v) => v.uri));
    this.picked = result.picked;
    this.render();
    const pair = result.pair?.map((u) => this.versions.find((v) => v.uri === u));
    if (pair?.[0] && pair[1]) {
      this.options.onCompare(pair[0], pair[1]);
    }
  }

  dispose(): void {
    this.element.remove();
  }

  private render(): void {
    replaceChildren(
      this.list,
      this.versions.map((version, index) => this.item(version, index)),
    );
    const { strings } = this.options;
    const waiting = this.picked.length === 1 ? this.versions.find((v) => v.uri === this.picked[0]) : undefined;
    this.hint.textContent = waiting ? format(strings.compareHint, waiting.label) : '';
    this.hint.hidden = !waiting;
  }

  private item(version: LineageVersion, index: number): HTMLElement {
    const { strings } = this.options;
    const selected = version.uri === this.selectedUri;
    const picked = this.picked.includes(version.uri);
    const key = `lineage:${version.uri}`;
    const caption = version.instruction.trim() || strings.original;
    const preview = version.missing
      ? h('span', { className: 'thumb-fallback' }, icon('circle-slash'))
      : h('img', { attrs: { src: version.src, alt: '', loading: 'lazy', decoding: 'async', draggable: 'false' } });
    const thumb = h(
      'button',
      {
        className: 'lineage-thumb',
        focusKey: `${key}:select`,
        attrs: { type: 'button', 'aria-current': selected ? 'true' : undefined, 'aria-label': `${version.label}: ${caption}`, title: caption },
        on: { click: () => this.select(version.uri) },
      },
      preview,
      h('span', { className: 'version-badge' }, version.label),
    );
    const linked = version.uri === this.inUse;
    const use = linked
      ? h('span', { className: 'lineage-in-use' }, icon('check'), h('span', {}, strings.inUse))
      : textButton(strings.useVersion, undefined, () => this.options.onUse(version), 'button secondary lineage-use', `${key}:use`);
    if (use instanceof HTMLButtonElement) {
      use.disabled = version.missing;
    }
    const compare = h(
      'button',
      {
        className: 'icon-button lineage-compare',
        focusKey: `${key}:compare`,
        attrs: { type: 'button', 'aria-pressed': picked ? 'true' : 'false', 'aria-label': format(strings.compare, version.label), title: format(strings.compare, version.label), disabled: version.missing },
        on: { click: () => this.pick(version.uri) },
      },
      icon('split-horizontal'),
    );
    return h(
      'li',
      { className: `lineage-item${selected ? ' selected' : ''}${picked ? ' picked' : ''}${version.missing ? ' missing' : ''}`, attrs: { 'data-uri': version.uri } },
      index > 0 ? h('span', { className: 'lineage-arrow', attrs: { 'aria-hidden': 'true' } }, icon('arrow-right')) : null,
      h(
        'div',
        { className: 'lineage-card' },
        thumb,
        h('p', { className: 'lineage-caption', attrs: { title: caption } }, version.missing ? strings.fileMissing : caption),
        h('div', { className: 'lineage-actions' }, use, compare),
      ),
    );
  }
}
