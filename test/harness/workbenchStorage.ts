import type { Page } from 'playwright-core';

/**
 * What the web workbench has stored for the open workspace under `key` (an extension's `workspaceState` is stored
 * under its id, as one JSON object), read from the browser's IndexedDB. A test waits on it before a reload: the
 * workbench may drop writes still on their way to storage when the page unloads.
 */
export async function storedWorkspaceState(page: Page, key: string): Promise<Record<string, unknown> | undefined> {
  const raw = await page.evaluate(async (itemKey) => {
    const read = (name: string) =>
      new Promise<string | undefined>((resolve) => {
        const open = indexedDB.open(name);
        open.onerror = () => resolve(undefined);
        open.onsuccess = () => {
          const db = open.result;
          try {
            const request = db.transaction('ItemTable', 'readonly').objectStore('ItemTable').get(itemKey);
            request.onsuccess = () => {
              db.close();
              resolve(typeof request.result === 'string' ? request.result : undefined);
            };
            request.onerror = () => {
              db.close();
              resolve(undefined);
            };
          } catch {
            db.close();
            resolve(undefined);
          }
        };
      });
    const names = (await indexedDB.databases()).map((d) => d.name ?? '');
    for (const name of names.filter((n) => n.startsWith('vscode-web-state-db-') && !n.endsWith('-global'))) {
      const value = await read(name);
      if (value !== undefined) return value;
    }
    return undefined;
  }, key);
  return raw === undefined ? undefined : (JSON.parse(raw) as Record<string, unknown>);
}
