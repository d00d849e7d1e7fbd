import type { ImageCard } from '../shared/studioProtocol';
import { Disposable } from '../util/dispose';
import { ASSETS_PAGE } from './assetsHistory';
import type { HistoryEntry } from './studioHistory';
import { imageCardOf, type StudioServices, type StudioView } from './studioServices';

/**
 * The history column of one panel: a page of the assets folders more each time the page scrolls to its end, and
 * posted again whenever the history changes.
 */
export class StudioHistoryFeed extends Disposable {
  /** Files of the assets folders the history looks at. */
  private limit = ASSETS_PAGE;

  constructor(
    private readonly services: StudioServices,
    private readonly view: StudioView,
  ) {
    super();
    this._register(services.history.onDidChange(() => void this.post()));
  }

  /** The entries shown now, each marked when its file is gone. */
  current() {
    return this.services.history.withPresence(this.limit);
  }

  /** Entries as cards, each marked when its file is gone. */
  cards(entries: readonly (HistoryEntry & { readonly missing: boolean })[]): ImageCard[] {
    return entries.map((entry) => imageCardOf(this.view, entry, entry.missing));
  }

  /** The page reached the end of the list. */
  more(): Promise<void> {
    this.limit += ASSETS_PAGE;
    return this.post();
  }

  async post(): Promise<void> {
    const { entries, more } = await this.current();
    if (!this.isDisposed) {
      this.view.post({ type: 'history', entries: this.cards(entries), more });
    }
  }
}
