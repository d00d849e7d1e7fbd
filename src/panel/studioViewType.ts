/** The Image Studio's webview type: VS Code restores panels of it after a reload (`onWebviewPanel:` activation). */
export const STUDIO_VIEW_TYPE = 'dmxapi.imageStudio';
