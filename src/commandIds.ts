/** Command ids: the public interface users and keybindings depend on. */
export const CommandIds = {
  generateImage: 'dmxapi.generateImage',
  openStudio: 'dmxapi.openStudio',
  selectModel: 'dmxapi.selectModel',
  setApiKey: 'dmxapi.setApiKey',
  clearApiKey: 'dmxapi.clearApiKey',
  useAsReference: 'dmxapi.useAsReference',
  reuseSettings: 'dmxapi.reuseSettings',
  /** Internal: Save As… for an image kept after a failed save. */
  saveKeptImage: 'dmxapi.saveKeptImage',
  /** Revokes the base URLs from workspace settings the user confirmed in this workspace. */
  forgetConfirmedBaseUrls: 'dmxapi.forgetConfirmedBaseUrls',
  /** Shows the MCP configuration other agents need for this workspace. */
  connectAgents: 'dmxapi.connectAgents',
  improvePrompt: 'dmxapi.improvePrompt',
  /** Opens the Image Studio in edit mode on an image (Explorer, the image link under the cursor, the palette). */
  editImage: 'dmxapi.editImage',
  /** Points the document's links to earlier versions of an image at this version. */
  useThisVersion: 'dmxapi.useThisVersion',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];
