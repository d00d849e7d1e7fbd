import type { StudioStrings, VersionView } from '../shared/studioProtocol';
import { BeforeAfter } from './beforeAfter';
import { h, iconButton, replaceChildren } from './dom';
import { LineageStrip, type LineageVersion } from './lineage';

/**
 * Above the results: the versions of the selected image (v1 → v2 → v3 with their instructions), and, once two are
 * picked, the before/after comparison of them. Use This Version goes to the host, which rewrites the document.
 */
export class LineagePanel {
  readonly element = h('div', { className: 'lineage-panel', attrs: { hidden: true } });
  private strip: LineageStrip | undefined;
  private comparison: BeforeAfter | undefined;
  private readonly comparisonSlot = h('div', { className: 'lineage-comparison' });
  private uri: string | undefined;

  constructor(
    private readonly strings: StudioStrings,
    private readonly actions: { readonly use: (uri: string) => void; readonly select: (uri: string) => void },
  ) {}

  /** The image whose versions are shown (asked of the host, answered with `show`). */
  get selected(): string | undefined {
    return this.uri;
  }

  show(uri: string, versions: readonly VersionView[], inUse: string | undefined): void {
    const same = this.strip && this.uri === uri;
    this.uri = uri;
    this.element.hidden = versions.length < 2;
    if (same && this.strip) {
      this.strip.update({ versions, selected: uri, ...(inUse ? { inUse } : {}) });
      return;
    }
    this.strip?.dispose();
    this.closeComparison();
    this.strip = new LineageStrip({
      versions,
      strings: {
        versions: this.strings.versions,
        useVersion: this.strings.useVersion,
        inUse: this.strings.versionInUse,
        compare: this.strings.compareVersion,
        compareHint: this.strings.compareVersionHint,
        fileMissing: this.strings.fileMissing,
        original: this.strings.versionOriginal,
      },
      selected: uri,
      ...(inUse ? { inUse } : {}),
      onSelect: (version) => this.actions.select(version.uri),
      onUse: (version) => this.actions.use(version.uri),
      onCompare: (before, after) => this.compare(before, after),
    });
    replaceChildren(this.element, [h('h2', { className: 'lineage-title' }, this.strings.versions), this.strip.element, this.comparisonSlot]);
  }

  /** An image was deleted: its versions are asked for again by the caller; a comparison showing it closes. */
  hide(): void {
    this.uri = undefined;
    this.strip?.dispose();
    this.strip = undefined;
    this.closeComparison();
    this.element.hidden = true;
  }

  private compare(before: LineageVersion, after: LineageVersion): void {
    this.closeComparison();
    this.comparison = new BeforeAfter({
      before: { src: before.src, label: before.label, alt: before.instruction || this.strings.versionOriginal },
      after: { src: after.src, label: after.label, alt: after.instruction },
      strings: {
        compare: this.strings.compareVersions,
        mode: this.strings.comparisonView,
        slider: this.strings.comparisonSlider,
        sideBySide: this.strings.comparisonSideBySide,
        divider: this.strings.comparisonDivider,
      },
    });
    replaceChildren(this.comparisonSlot, [
      h('div', { className: 'lineage-comparison-head' }, iconButton(this.strings.closeComparison, 'close', () => this.closeComparison(), 'lineage:close-comparison')),
      this.comparison.element,
    ]);
  }

  private closeComparison(): void {
    this.comparison?.dispose();
    this.comparison = undefined;
    replaceChildren(this.comparisonSlot, []);
  }
}
