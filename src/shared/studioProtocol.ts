import * as z from '../core/zod';
import { modelSpecSchema } from '../core/catalog/modelSpec';
import { imageParametersSchema, optionValuesSchema } from '../core/imageParameters';

/**
 * The Image Studio's messages, both ways, imported by the extension bundle and the webview bundle alike. Each
 * side `safeParse`s what it receives; nothing else crosses `postMessage`. Image bytes travel only one way:
 * a pasted reference image, webview → host. Previews are files the webview loads through `asWebviewUri`.
 */

/** Image size limit for one pasted reference, in base64 characters: the largest `references.maxBytes` with room. */
const MAX_PASTE_BASE64 = 40 * 1024 * 1024;
/** The longest prompt the studio sends to be improved (the longest any built-in model takes). */
const MAX_IMPROVED_PROMPT = 32000;
/** More images than this in one Generate is a mistake, not a wish. */
export const MAX_COUNT = 10;

/** What the controls hold: the model, its size, how many images, and each model's own options. */
export const studioChoicesSchema = z.object({
  model: z.string().check(z.minLength(1)),
  aspectRatio: z.string().check(z.minLength(1)),
  resolution: z.string().check(z.minLength(1)),
  count: z.int().check(z.gte(1), z.lte(MAX_COUNT)),
  /** Model id → option id → choice id or number, so switching back to a model restores its options. */
  options: z.record(z.string(), optionValuesSchema),
});
export type StudioChoices = z.infer<typeof studioChoicesSchema>;

/**
 * One image the studio knows, as the host keeps it in its history: the image's parameters (`imageParameters.ts`)
 * with the file and what came back beside it.
 */
export const historyEntrySchema = z.extend(imageParametersSchema, {
  /** The file's URI as a string; what every action names. */
  uri: z.string(),
  width: z.optional(z.number()),
  height: z.optional(z.number()),
  /** What the model wrote beside the image. */
  texts: z.array(z.string()),
  createdAt: z.number(),
  /** For an edited image: the URI of the file it was made from; such a card offers Refine. */
  parent: z.optional(z.string()),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** One generated image as the webview shows it (a result of this session or a history entry): the entry, loadable. */
export const imageCardSchema = z.extend(historyEntrySchema, {
  /** The `asWebviewUri` form of the file, for `<img src>`. */
  src: z.string(),
  fileName: z.string(),
  /** The file is gone (deleted outside the studio). */
  missing: z.optional(z.boolean()),
});
export type ImageCard = z.infer<typeof imageCardSchema>;

/** What "Reuse Settings" brings back into the controls: an image's parameters, exactly. */
export const reusableSettingsSchema = imageParametersSchema;
export type ReusableSettings = z.infer<typeof reusableSettingsSchema>;

/**
 * Edit mode: the image to edit (a URI string, as `vscode.Uri.toString()` gives it) and, when the command came from
 * an image link in a document, that document (Use This Version rewrites its links).
 */
export const openStudioEditArgsSchema = z.object({
  source: z.string(),
  document: z.optional(z.string()),
});
export type OpenStudioEditArgs = z.infer<typeof openStudioEditArgsSchema>;

/**
 * Arguments of `dmxapi.openStudio` for other commands and keybindings: a prompt, an earlier image's settings, or
 * an image to edit (`dmxapi.editImage` opens the studio this way).
 */
export const openStudioArgsSchema = z.object({
  prompt: z.optional(z.string()),
  settings: z.optional(reusableSettingsSchema),
  edit: z.optional(openStudioEditArgsSchema),
});
export type OpenStudioArgs = z.infer<typeof openStudioArgsSchema>;

/** An attached reference image: a copy in the extension's storage, shown through `asWebviewUri`. */
export const referenceViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  src: z.string(),
  mimeType: z.string(),
  byteLength: z.number(),
});
export type ReferenceView = z.infer<typeof referenceViewSchema>;

/** A failure the panel shows, with the buttons that help (Retry is the webview's own). */
export const errorViewSchema = z.object({
  message: z.string(),
  retryable: z.boolean(),
  actions: z.array(z.object({ id: z.string(), title: z.string() })),
});
export type ErrorView = z.infer<typeof errorViewSchema>;

/** Every fixed piece of text the webview shows, translated by the host. `{0}` marks where a value goes. */
export const studioStringsSchema = z.object({
  title: z.string(),
  model: z.string(),
  prompt: z.string(),
  promptPlaceholder: z.string(),
  promptCount: z.string(),
  promptTooLong: z.string(),
  generateShortcut: z.string(),
  generate: z.string(),
  cancel: z.string(),
  references: z.string(),
  referencesHint: z.string(),
  addReference: z.string(),
  removeReference: z.string(),
  referencesIgnored: z.string(),
  referencesOverLimit: z.string(),
  referenceNotImage: z.string(),
  referenceTooLarge: z.string(),
  dropHere: z.string(),
  editDropHere: z.string(),
  editDropFromExplorer: z.string(),
  aspectRatio: z.string(),
  resolution: z.string(),
  sizeByModel: z.string(),
  outputSize: z.string(),
  count: z.string(),
  countSplit: z.string(),
  optionDefault: z.string(),
  results: z.string(),
  resultsEmpty: z.string(),
  history: z.string(),
  historyEmpty: z.string(),
  fileMissing: z.string(),
  insert: z.string(),
  copyMarkdown: z.string(),
  open: z.string(),
  reveal: z.string(),
  reuse: z.string(),
  delete: z.string(),
  useAsReference: z.string(),
  removeFromHistory: z.string(),
  retry: z.string(),
  dismiss: z.string(),
  linksGoTo: z.string(),
  linksToClipboard: z.string(),
  modelText: z.string(),
  pending: z.string(),
  cancelled: z.string(),
  failedTimes: z.string(),
  reused: z.string(),
  compare: z.string(),
  compareHint: z.string(),
  compareLimit: z.string(),
  compareNone: z.string(),
  compareAdjusted: z.string(),
  /** After a model DMXAPI renamed or replaced: `{0}` is the current name. */
  olderModelName: z.string(),
  compareNoReferences: z.string(),
  compareRow: z.string(),
  seconds: z.string(),
  improvePrompt: z.string(),
  stopImproving: z.string(),
  improved: z.string(),
  editMode: z.string(),
  editShortcut: z.string(),
  editSource: z.string(),
  editInstruction: z.string(),
  editInstructionPlaceholder: z.string(),
  edit: z.string(),
  editing: z.string(),
  leaveEdit: z.string(),
  pickEditSource: z.string(),
  editImage: z.string(),
  editModelUnavailable: z.string(),
  maskNotOffered: z.string(),
  maskOffered: z.string(),
  refine: z.string(),
  refinePlaceholder: z.string(),
  refineHint: z.string(),
  maskTitle: z.string(),
  maskCanvas: z.string(),
  maskTool: z.string(),
  maskBrush: z.string(),
  maskEraser: z.string(),
  maskPan: z.string(),
  maskBrushSize: z.string(),
  maskBrushSizeValue: z.string(),
  maskUndo: z.string(),
  maskRedo: z.string(),
  maskClear: z.string(),
  maskInvert: z.string(),
  zoomIn: z.string(),
  zoomOut: z.string(),
  zoomFit: z.string(),
  zoomActual: z.string(),
  zoomValue: z.string(),
  compareVersions: z.string(),
  comparisonView: z.string(),
  comparisonSlider: z.string(),
  comparisonSideBySide: z.string(),
  comparisonDivider: z.string(),
  versions: z.string(),
  useVersion: z.string(),
  versionInUse: z.string(),
  compareVersion: z.string(),
  compareVersionHint: z.string(),
  versionOriginal: z.string(),
  closeComparison: z.string(),
});
export type StudioStrings = z.infer<typeof studioStringsSchema>;

/** What the webview keeps in `setState`, so a reload brings back the prompt and the results on screen. */
export const webviewStateSchema = z.object({
  prompt: z.string(),
  resultUris: z.array(z.string()),
});
export type WebviewState = z.infer<typeof webviewStateSchema>;

/** A generation as the webview asks for it; references are ids of attached images. */
export const generateRequestSchema = z.object({
  prompt: z.string(),
  choices: studioChoicesSchema,
  referenceIds: z.array(z.string()),
});
export type GenerateRequest = z.infer<typeof generateRequestSchema>;

/** How many models one Compare may ask at once. */
export const MAX_COMPARED_MODELS = 4;

/** One prompt for several models at once: each gets the choices made valid for it, one image each. */
export const compareRequestSchema = z.object({
  prompt: z.string(),
  models: z.array(z.string().check(z.minLength(1))).check(z.minLength(1), z.maxLength(MAX_COMPARED_MODELS)),
  choices: studioChoicesSchema,
  referenceIds: z.array(z.string()),
});
export type CompareRequest = z.infer<typeof compareRequestSchema>;

/** Each edit model and, when it cannot edit the source, why (the core's validation message, translated). */
export const editModelViewSchema = z.object({ id: z.string(), problem: z.optional(z.string()) });

/** The image edit mode works on: shown through `asWebviewUri`, with its pixel size for the mask. */
export const editSourceViewSchema = z.object({
  uri: z.string(),
  src: z.string(),
  fileName: z.string(),
  width: z.optional(z.number()),
  height: z.optional(z.number()),
  byteLength: z.number(),
  /** The models that edit, in catalog order; one with a `problem` is shown disabled with it. */
  models: z.array(editModelViewSchema),
  /** Name of the document Use This Version rewrites, when the edit came from one. */
  document: z.optional(z.string()),
});
export type EditSourceView = z.infer<typeof editSourceViewSchema>;

/** One version in an image's lineage, oldest first; v1 is the original. */
export const versionViewSchema = z.object({
  uri: z.string(),
  src: z.string(),
  label: z.string(),
  instruction: z.string(),
  missing: z.boolean(),
});
export type VersionView = z.infer<typeof versionViewSchema>;

/** The longest mask the page sends, in base64 characters (the mask limit is 50 MB). */
const MAX_MASK_BASE64 = 70 * 1024 * 1024;

/** An edit of the source as the page asks for it; the mask is a PNG with alpha at the source's pixel size. */
export const editRequestSchema = z.object({
  source: z.string(),
  model: z.string().check(z.minLength(1)),
  instruction: z.string().check(z.minLength(1), z.maxLength(MAX_IMPROVED_PROMPT)),
  maskBase64: z.optional(z.string().check(z.maxLength(MAX_MASK_BASE64))),
  options: optionValuesSchema,
});
export type StudioEditRequest = z.infer<typeof editRequestSchema>;

/** The next instruction for a version: conversation models continue their conversation, others edit the version. */
export const refineRequestSchema = z.object({
  version: z.string(),
  model: z.string().check(z.minLength(1)),
  instruction: z.string().check(z.minLength(1), z.maxLength(MAX_IMPROVED_PROMPT)),
  options: optionValuesSchema,
});
export type StudioRefineRequest = z.infer<typeof refineRequestSchema>;

export const imageActionSchema = z.enum(['insert', 'copyMarkdown', 'open', 'reveal', 'delete', 'useAsReference', 'forget']);
export type ImageAction = z.infer<typeof imageActionSchema>;

export const webviewMessageSchema = z.discriminatedUnion('type', [
  /** The page is listening; the host answers with `init`. `state` is what the page kept before a reload. */
  z.object({ type: z.literal('ready'), state: z.optional(webviewStateSchema) }),
  /** The controls changed; the host remembers them for this workspace. */
  z.object({ type: z.literal('choicesChanged'), choices: studioChoicesSchema }),
  /** Generate `choices.count` images; the host answers with `run*` messages carrying `runId`. */
  z.object({ type: z.literal('generate'), runId: z.string().check(z.minLength(1)), request: generateRequestSchema }),
  /** The same prompt to each of `request.models` at once; the host answers with `compare*` and `runFinished`. */
  z.object({ type: z.literal('compare'), runId: z.string().check(z.minLength(1)), request: compareRequestSchema }),
  /** Stop the running generation or comparison. */
  z.object({ type: z.literal('cancel'), runId: z.string().check(z.minLength(1)) }),
  /** Open the file picker for reference images. */
  z.object({ type: z.literal('pickReferences') }),
  /** Files dropped from the Explorer, as URI strings from the drop's uri-list. */
  z.object({ type: z.literal('dropReferences'), uris: z.array(z.string()).check(z.maxLength(50)) }),
  /** A pasted image, already sniffed and size-checked by the page; the host checks again and saves it. */
  z.object({ type: z.literal('pasteReference'), name: z.string().check(z.maxLength(200)), base64: z.string().check(z.maxLength(MAX_PASTE_BASE64)) }),
  /** Detach a reference image. */
  z.object({ type: z.literal('removeReference'), id: z.string() }),
  /** An action on a generated image, named by its file URI; the host refuses files outside the workspace. */
  z.object({ type: z.literal('imageAction'), action: imageActionSchema, uri: z.string() }),
  /** A button of an error card other than Retry. */
  z.object({ type: z.literal('errorAction'), actionId: z.string() }),
  /** The end of the history came into view: the next page of older images, when `historyMore` said there are some. */
  z.object({ type: z.literal('moreHistory') }),
  /** Rewrite the prompt for `model`; the host streams `improveText` and ends with `improveFinished`. */
  z.object({
    type: z.literal('improvePrompt'),
    requestId: z.string().check(z.minLength(1)),
    prompt: z.string().check(z.minLength(1), z.maxLength(MAX_IMPROVED_PROMPT)),
    model: z.string().check(z.minLength(1)),
  }),
  /** Stop the running improvement; the prompt goes back to what it was. */
  z.object({ type: z.literal('cancelImprove'), requestId: z.string().check(z.minLength(1)) }),
  /** Edit mode on this image (a card's Edit, a dropped file); the host answers with `editSource`. */
  z.object({ type: z.literal('openEdit'), uri: z.string() }),
  /** Pick the image to edit with the file dialog. */
  z.object({ type: z.literal('pickEditSource') }),
  /** Back to generating. */
  z.object({ type: z.literal('leaveEdit') }),
  /** Edit the source; the host answers with `run*` messages carrying `runId`, as for Generate. */
  z.object({ type: z.literal('edit'), runId: z.string().check(z.minLength(1)), request: editRequestSchema }),
  /** Refine a version; answered as `edit`. */
  z.object({ type: z.literal('refine'), runId: z.string().check(z.minLength(1)), request: refineRequestSchema }),
  /** The versions of this image, for the strip; the host answers with `lineage`. */
  z.object({ type: z.literal('lineage'), uri: z.string() }),
  /** Make the document link this version (`dmxapi.useThisVersion`). */
  z.object({ type: z.literal('useVersion'), uri: z.string() }),
]);
export type WebviewMessage = z.infer<typeof webviewMessageSchema>;

export const hostMessageSchema = z.discriminatedUnion('type', [
  /** The answer to `ready`: everything the page needs to draw itself. */
  z.object({
    type: z.literal('init'),
    models: z.array(modelSpecSchema),
    choices: studioChoicesSchema,
    prompt: z.string(),
    strings: studioStringsSchema,
    history: z.array(imageCardSchema),
    /** Older images wait beyond the history shown: the page asks for them with `moreHistory`. */
    historyMore: z.boolean(),
    results: z.array(imageCardSchema),
    references: z.array(referenceViewSchema),
    /** Name of the document links are inserted into; absent: none yet. */
    target: z.optional(z.string()),
    /** The id of a run still going, when the page was reloaded during it. */
    running: z.optional(z.string()),
    /** Edit mode's source, when the studio is (still, after a reload) editing an image. */
    edit: z.optional(editSourceViewSchema),
  }),
  /** Edit mode begins with this source, or ends (`source` absent). */
  z.object({ type: z.literal('editSource'), source: z.optional(editSourceViewSchema) }),
  /** The versions of `uri`'s image, oldest first, and the one the document links (`inUse`). */
  z.object({ type: z.literal('lineage'), uri: z.string(), versions: z.array(versionViewSchema), inUse: z.optional(z.string()) }),
  /** The studio was opened again with a selection: it becomes the prompt. */
  z.object({ type: z.literal('setPrompt'), prompt: z.string() }),
  /** The studio was opened with an earlier image's settings: they go into the controls. */
  z.object({ type: z.literal('applySettings'), settings: reusableSettingsSchema }),
  /** The attached references changed; `fromCommand`: attached from the Explorer menu. */
  z.object({ type: z.literal('references'), references: z.array(referenceViewSchema), fromCommand: z.boolean() }),
  /** The editor that receives links changed. */
  z.object({ type: z.literal('target'), target: z.optional(z.string()) }),
  /** A run began: `requests` requests for `total` images. */
  z.object({ type: z.literal('runStarted'), runId: z.string(), total: z.number(), requests: z.number() }),
  /** One saved image of a run, shown as it arrives. */
  z.object({ type: z.literal('runImage'), runId: z.string(), image: imageCardSchema }),
  /** A request of the run failed; `count` images will not come. */
  z.object({ type: z.literal('runError'), runId: z.string(), error: errorViewSchema, count: z.number() }),
  /** One model's image of a comparison, with the seconds that model took. */
  z.object({ type: z.literal('compareImage'), runId: z.string(), model: z.string(), image: imageCardSchema, elapsedMs: z.number() }),
  /** One model of a comparison failed; the others go on. */
  z.object({ type: z.literal('compareError'), runId: z.string(), model: z.string(), error: errorViewSchema }),
  /** Every request of the run has ended. */
  z.object({ type: z.literal('runFinished'), runId: z.string(), outcome: z.enum(['done', 'cancelled', 'failed']) }),
  /** The history as far as it is paged in, newest first, after any change or a `moreHistory`. */
  z.object({ type: z.literal('history'), entries: z.array(imageCardSchema), more: z.boolean() }),
  /** An image file was deleted; its cards go. */
  z.object({ type: z.literal('imageDeleted'), uri: z.string() }),
  /** A short message for the status line of the panel. */
  z.object({ type: z.literal('notice'), level: z.enum(['info', 'warning', 'error']), message: z.string() }),
  /** The improved prompt so far, as it streams in. */
  z.object({ type: z.literal('improveText'), requestId: z.string(), text: z.string() }),
  /** The improvement ended: `prompt` is the final text when done; `message` says why it failed. */
  z.object({
    type: z.literal('improveFinished'),
    requestId: z.string(),
    outcome: z.enum(['done', 'cancelled', 'failed']),
    prompt: z.optional(z.string()),
    message: z.optional(z.string()),
  }),
]);
export type HostMessage = z.infer<typeof hostMessageSchema>;
