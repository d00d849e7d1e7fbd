import type { ImageCard } from '../shared/studioProtocol';
import { imageCardView, type CardContext } from './cards';
import { h, replaceChildren } from './dom';
import type { Page } from './page';
import { post } from './vscodeApi';

/** The history column: the host's cards, and the next page asked for whenever the end of the list comes into view. */
export class HistoryList {
  private readonly endObserver: IntersectionObserver;

  constructor(
    private readonly page: Page,
    private cards: ImageCard[],
    /** The host has older images beyond `cards`; cleared while one `moreHistory` is on its way. */
    private more: boolean,
    private readonly context: () => CardContext,
  ) {
    this.endObserver = new IntersectionObserver((seen) => {
      if (this.more && seen.some((entry) => entry.isIntersecting)) {
        this.more = false;
        post({ type: 'moreHistory' });
      }
    });
    this.endObserver.observe(page.historyEnd);
  }

  set(cards: ImageCard[], more: boolean): void {
    this.cards = cards;
    this.more = more;
    this.render();
  }

  forget(uri: string): void {
    this.cards = this.cards.filter((card) => card.uri !== uri);
    this.render();
  }

  render(): void {
    const ctx = this.context();
    this.page.historyCount.textContent = String(this.cards.length);
    replaceChildren(
      this.page.history,
      this.cards.length ? this.cards.map((card) => imageCardView(card, ctx, true)) : [h('p', { className: 'empty' }, ctx.strings.historyEmpty)],
    );
    // Observing again reports the end's visibility now: a short page that leaves it in view asks for the next.
    this.endObserver.unobserve(this.page.historyEnd);
    this.endObserver.observe(this.page.historyEnd);
  }
}
