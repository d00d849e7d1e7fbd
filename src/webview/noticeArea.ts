import type { StudioStrings } from '../shared/studioProtocol';
import { h, icon, iconButton, replaceChildren } from './dom';

export type Level = 'info' | 'warning' | 'error';

/** How long an informational notice stays; warnings and errors stay until dismissed or replaced. */
const INFO_NOTICE_MS = 6000;

/** The one line of notice under the controls: a new notice replaces the one shown. */
export class NoticeArea {
  private notice: { level: Level; message: string } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly element: HTMLElement,
    private readonly strings: StudioStrings,
  ) {
    this.render();
  }

  show(level: Level, message: string): void {
    clearTimeout(this.timer);
    this.notice = { level, message };
    if (level === 'info') {
      this.timer = setTimeout(() => this.clear(), INFO_NOTICE_MS);
    }
    this.render();
  }

  clear(): void {
    this.notice = undefined;
    this.render();
  }

  private render(): void {
    const notice = this.notice;
    const iconName = notice?.level === 'error' ? 'error' : notice?.level === 'warning' ? 'warning' : 'info';
    this.element.className = `notice ${notice?.level ?? ''}`;
    replaceChildren(
      this.element,
      notice
        ? [icon(iconName), h('span', { className: 'notice-text' }, notice.message), iconButton(this.strings.dismiss, 'close', () => this.clear())]
        : [],
    );
  }
}
