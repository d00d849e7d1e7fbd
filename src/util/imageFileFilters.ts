import * as vscode from 'vscode';

/** The filter of every file dialog that opens or saves images: the four types the extension reads and writes. */
export function imageFileFilters(): Record<string, string[]> {
  return { [vscode.l10n.t('Images')]: ['png', 'jpg', 'jpeg', 'webp', 'gif'] };
}
