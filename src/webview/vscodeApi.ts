import { hostMessageSchema, webviewStateSchema, type HostMessage, type WebviewMessage, type WebviewState } from '../shared/studioProtocol';

/** The part of the webview API the page uses; everything it sends is typed by the shared protocol. */
interface WebviewApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): WebviewApi;

const api = acquireVsCodeApi();

export function post(message: WebviewMessage): void {
  api.postMessage(message);
}

export function savedState(): WebviewState | undefined {
  const parsed = webviewStateSchema.safeParse(api.getState());
  return parsed.success ? parsed.data : undefined;
}

export function saveState(state: WebviewState): void {
  api.setState(state);
}

/** Calls `handler` with every message from the host that matches the protocol; anything else is dropped. */
export function onHostMessage(handler: (message: HostMessage) => void): void {
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const parsed = hostMessageSchema.safeParse(event.data);
    if (parsed.success) {
      handler(parsed.data);
    } else {
      console.warn('studio: ignored a malformed message', parsed.error.issues[0]?.message);
    }
  });
}
