import * as path from 'node:path';
import * as vscode from 'vscode';
import { Disposable } from '../util/dispose';

/** Schemes of editors that are not documents a link belongs in. */
const IGNORED_SCHEMES = new Set(['output', 'debug', 'vscode-settings', 'git']);

/**
 * The text editor that last had focus. Focusing the studio leaves no active text editor, so "the editor the user
 * came from" has to be remembered: that is where Insert puts links.
 */
export class EditorTracker extends Disposable {
  private last: vscode.TextEditor | undefined;
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor() {
    super();
    this.track(vscode.window.activeTextEditor);
    this._register(vscode.window.onDidChangeActiveTextEditor((editor) => this.track(editor)));
    this._register(
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (this.last?.document === document) {
          this.forget();
        }
      }),
    );
  }

  /** The editor links go into, if its document is still open. */
  get editor(): vscode.TextEditor | undefined {
    return this.last && !this.last.document.isClosed ? this.last : undefined;
  }

  /** The document's file name, for "Links go into …". */
  get targetName(): string | undefined {
    const document = this.editor?.document;
    return document && path.posix.basename(document.uri.path);
  }

  private forget(): void {
    this.last = undefined;
    this.changed.fire();
  }

  private track(editor: vscode.TextEditor | undefined): void {
    // Undefined when a webview (the studio itself) takes focus: the last real editor stays the target.
    if (!editor || IGNORED_SCHEMES.has(editor.document.uri.scheme) || editor === this.last) {
      return;
    }
    this.last = editor;
    this.changed.fire();
  }
}
