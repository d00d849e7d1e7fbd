import * as vscode from 'vscode';
import type { HostMessage, OpenStudioArgs } from '../shared/studioProtocol';
import { Disposable } from '../util/dispose';
import { studioHtml } from './studioHtml';
import { StudioMessageHandler, type StudioServices } from './studioMessageHandler';
import { assetsRoots, imageFolders } from './workspaceFiles';

/** Re-exported for the tests that look for the studio's tabs. */
export { STUDIO_VIEW_TYPE } from './studioViewType';

/**
 * One Image Studio panel: its webview, its resource roots and its message handler. Disposed with the panel;
 * whoever opened it learns of that through `onDidDispose`.
 */
export class ImageStudioPanel extends Disposable {
  private readonly handler: StudioMessageHandler;
  private readonly didDispose = this._register(new vscode.EventEmitter<void>());
  readonly onDidDispose = this.didDispose.event;

  /**
   * The options a studio webview is created with: scripts on, and only the files it shows readable: our media,
   * the assets folders, the folders of the images in its history, and the copies of reference images.
   */
  static webviewOptions(
    extensionUri: vscode.Uri,
    services: StudioServices,
    /** Folders of edited images, which may lie outside the assets folders (workspace files, confined before). */
    editFolders: readonly vscode.Uri[] = [],
  ): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    const roots = [vscode.Uri.joinPath(extensionUri, 'media'), ...assetsRoots(), services.referenceFolder];
    const covered = (folder: vscode.Uri): boolean =>
      roots.some((root) => folder.toString() === root.toString() || folder.toString().startsWith(`${root.toString()}/`));
    const folders = new Map(imageFolders(services.history.entries().map((entry) => entry.uri)).map((folder) => [folder.toString(), folder]));
    editFolders.forEach((folder) => folders.set(folder.toString(), folder));
    const historyFolders = [...folders.values()].filter((folder) => !covered(folder));
    return {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [...roots, ...historyFolders],
    };
  }

  constructor(
    private readonly panel: vscode.WebviewPanel,
    services: StudioServices,
    extensionUri: vscode.Uri,
    args: OpenStudioArgs = {},
    restored = false,
  ) {
    super();
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    const editFolders = new Map<string, vscode.Uri>();
    let rootsKey = rootsKeyOf(panel.webview.options = ImageStudioPanel.webviewOptions(extensionUri, services));
    const post = (message: HostMessage): void => {
      if (!this.isDisposed) {
        void panel.webview.postMessage(message);
      }
    };
    // Setting the options reloads the page (its results and any run in progress would go), so only when the
    // roots really change: a new image in a folder no root covers yet, a new workspace folder, another setting.
    const refreshRoots = (): void => {
      const options = ImageStudioPanel.webviewOptions(extensionUri, services, [...editFolders.values()]);
      const key = rootsKeyOf(options);
      if (key !== rootsKey) {
        rootsKey = key;
        panel.webview.options = options;
      }
    };
    const allowFolder = (folder: vscode.Uri): void => {
      if (!editFolders.has(folder.toString())) {
        editFolders.set(folder.toString(), folder);
        refreshRoots();
      }
    };
    this.handler = this._register(
      new StudioMessageHandler(services, { post, asWebviewUri: (uri) => panel.webview.asWebviewUri(uri), allowFolder }, args.prompt, restored),
    );
    if (args.settings) {
      this.handler.applySettings(args.settings);
    }
    if (args.edit) {
      void this.handler.openEdit(args.edit);
    }
    this._register(panel.webview.onDidReceiveMessage((message: unknown) => void this.handler.receive(message)));
    this._register(panel.onDidDispose(() => this.dispose()));
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(refreshRoots));
    // A new image may sit in a folder no root covers yet (an assets folder that depends on the document).
    this._register(services.history.onDidChange(refreshRoots));
    this._register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('dmxapi.assetsFolder')) {
          refreshRoots();
        }
      }),
    );
    panel.webview.html = studioHtml(panel.webview, extensionUri);
  }

  /** Brings the panel forward; a given prompt or earlier image's settings go into the controls. */
  reveal(args: OpenStudioArgs = {}): void {
    this.panel.reveal(undefined, false);
    this.show(args);
  }

  private show({ prompt, settings, edit }: OpenStudioArgs): void {
    if (edit) {
      void this.handler.openEdit(edit);
    } else if (settings) {
      this.handler.applySettings(settings);
    } else if (prompt) {
      this.handler.setPrompt(prompt);
    }
  }

  attach(uris: readonly vscode.Uri[]): Promise<void> {
    return this.handler.attach(uris, true);
  }

  override dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this.didDispose.fire();
    super.dispose();
    this.panel.dispose();
  }
}

/** The resource roots as one comparable string. */
function rootsKeyOf(options: vscode.WebviewOptions): string {
  return (options.localResourceRoots ?? []).map((root) => root.toString()).join('\n');
}
