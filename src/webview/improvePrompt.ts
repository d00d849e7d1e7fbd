import { format } from '../shared/studioChoices';
import type { HostMessage, StudioStrings } from '../shared/studioProtocol';
import { h, icon } from './dom';
import { post } from './vscodeApi';

type Level = 'info' | 'warning' | 'error';

export interface ImproveHooks {
  /** The image model the prompt is for. */
  readonly model: () => string;
  /** The prompt changed (count, Generate, saved state). */
  readonly changed: () => void;
  readonly notify: (level: Level, message: string) => void;
}

type Finished = Extract<HostMessage, { type: 'improveFinished' }>;

const newId = (): string => (typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);
const isMac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/**
 * Improve Prompt beside the prompt box: the rewritten prompt streams into the box (read-only meanwhile), and the
 * final text replaces the original as one edit of the box, so one Undo brings the original back. Stop, a failure
 * or Generate put the original back at once.
 */
export class PromptImproving {
  readonly button: HTMLButtonElement;
  private readonly label: HTMLElement;
  private running: { readonly id: string; readonly original: string } | undefined;

  constructor(
    private readonly prompt: HTMLTextAreaElement,
    private readonly strings: StudioStrings,
    private readonly hooks: ImproveHooks,
  ) {
    this.label = h('span', {}, strings.improvePrompt);
    this.button = h(
      'button',
      { className: 'button secondary improve-prompt', attrs: { id: 'improve-prompt', type: 'button' }, on: { click: () => this.toggle() } },
      icon('sparkle'),
      this.label,
    );
  }

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  /** Puts the original prompt back and tells the host to stop; Generate calls this before it reads the prompt. */
  stop(): void {
    if (!this.running) return;
    post({ type: 'cancelImprove', requestId: this.running.id });
    this.end(this.running.original);
  }

  receive(message: HostMessage): boolean {
    if (message.type === 'improveText') {
      if (this.running?.id === message.requestId) {
        this.prompt.value = message.text;
        this.prompt.scrollTop = this.prompt.scrollHeight;
        this.hooks.changed();
      }
      return true;
    }
    if (message.type === 'improveFinished') {
      if (this.running?.id === message.requestId) {
        this.finish(message);
      }
      return true;
    }
    return false;
  }

  private toggle(): void {
    if (this.running) {
      this.stop();
      return;
    }
    const original = this.prompt.value;
    if (!original.trim()) {
      this.prompt.focus();
      return;
    }
    const id = newId();
    this.running = { id, original };
    this.prompt.readOnly = true;
    this.prompt.setAttribute('aria-busy', 'true');
    this.label.textContent = this.strings.stopImproving;
    this.button.classList.add('running');
    post({ type: 'improvePrompt', requestId: id, prompt: original.trim(), model: this.hooks.model() });
  }

  private finish(message: Finished): void {
    const original = this.running!.original;
    this.end(original);
    if (message.outcome === 'done' && message.prompt) {
      this.replaceAsOneEdit(message.prompt);
      this.hooks.notify('info', format(this.strings.improved, isMac ? '⌘' : 'Ctrl'));
    } else if (message.outcome === 'failed' && message.message) {
      this.hooks.notify('warning', message.message);
    }
    this.hooks.changed();
  }

  /** Back to the resting state with `text` in the box. */
  private end(text: string): void {
    this.running = undefined;
    this.prompt.readOnly = false;
    this.prompt.removeAttribute('aria-busy');
    this.prompt.value = text;
    this.label.textContent = this.strings.improvePrompt;
    this.button.classList.remove('running');
    this.hooks.changed();
  }

  /**
   * Replaces the box's text through the editing command, which the browser records as one undoable step (setting
   * `value` would leave nothing to undo).
   */
  private replaceAsOneEdit(text: string): void {
    this.prompt.focus();
    this.prompt.select();
    // execCommand is the one way to make an edit the textarea's own undo stack records.
    if (!document.execCommand('insertText', false, text)) {
      this.prompt.value = text;
    }
  }
}
