import * as vscode from 'vscode';
import type { ModelSpec } from '../core/catalog/modelSpec';
import type { StudioStrings } from '../shared/studioProtocol';

// Placeholders pass through as themselves: the webview fills them in with `format`.
const P0 = '{0}';
const P1 = '{1}';

/** The webview's fixed text in the display language; sent once, in `init`. */
export function studioStrings(): StudioStrings {
  return {
    title: vscode.l10n.t('Image Studio'),
    model: vscode.l10n.t('Model'),
    prompt: vscode.l10n.t('Prompt'),
    promptPlaceholder: vscode.l10n.t('Describe the image to generate'),
    promptCount: vscode.l10n.t('{0} / {1} characters', P0, P1),
    promptTooLong: vscode.l10n.t('The prompt is longer than this model accepts.'),
    generateShortcut: vscode.l10n.t('{0}+Enter generates', P0),
    generate: vscode.l10n.t('Generate'),
    cancel: vscode.l10n.t('Cancel'),
    references: vscode.l10n.t('Reference images'),
    referencesHint: vscode.l10n.t('Add, paste, or drop from the Explorer with Shift held. Up to {0} images, {1} each.', P0, P1),
    addReference: vscode.l10n.t('Add Images…'),
    removeReference: vscode.l10n.t('Remove {0}', P0),
    referencesIgnored: vscode.l10n.t('{0} takes no reference images; the attached ones are not sent.', P0),
    referencesOverLimit: vscode.l10n.t('{0} takes at most {1} reference images; only the first {1} are sent.', P0, P1),
    referenceNotImage: vscode.l10n.t('The pasted data is not a PNG, JPEG, WebP or GIF image.'),
    referenceTooLarge: vscode.l10n.t('The image is {0}; {1} takes at most {2} per reference image.', P0, P1, '{2}'),
    dropHere: vscode.l10n.t('Drop images to use them as references'),
    aspectRatio: vscode.l10n.t('Aspect ratio'),
    resolution: vscode.l10n.t('Resolution'),
    sizeByModel: vscode.l10n.t('size chosen by the model'),
    outputSize: vscode.l10n.t('Output: {0}', P0),
    count: vscode.l10n.t('Images'),
    countSplit: vscode.l10n.t('Sent as {0} requests, up to {1} at a time.', P0, P1),
    optionDefault: vscode.l10n.t('Default'),
    results: vscode.l10n.t('Results'),
    resultsEmpty: vscode.l10n.t('Generated images appear here as they arrive.'),
    history: vscode.l10n.t('History'),
    historyEmpty: vscode.l10n.t('Nothing generated in this workspace yet.'),
    fileMissing: vscode.l10n.t('The file was deleted.'),
    insert: vscode.l10n.t('Insert Link'),
    copyMarkdown: vscode.l10n.t('Copy Markdown'),
    open: vscode.l10n.t('Open'),
    reveal: vscode.l10n.t('Reveal in Explorer'),
    reuse: vscode.l10n.t('Reuse Settings'),
    delete: vscode.l10n.t('Delete'),
    useAsReference: vscode.l10n.t('Use as Reference'),
    removeFromHistory: vscode.l10n.t('Remove from History'),
    retry: vscode.l10n.t('Retry'),
    dismiss: vscode.l10n.t('Dismiss'),
    linksGoTo: vscode.l10n.t('Links go into {0}', P0),
    linksToClipboard: vscode.l10n.t('No editor yet: links go to the clipboard.'),
    modelText: vscode.l10n.t('The model wrote'),
    pending: vscode.l10n.t('Generating…'),
    cancelled: vscode.l10n.t('Cancelled.'),
    failedTimes: vscode.l10n.t('{0} images did not arrive.', P0),
    reused: vscode.l10n.t('Settings of this image are back in the controls.'),
    compare: vscode.l10n.t('Compare models'),
    compareHint: vscode.l10n.t('Tick up to {0} models: one Generate sends the prompt to each at once, one image each.', P0),
    compareLimit: vscode.l10n.t('At most {0} models can be compared at once. Untick one to choose {1}.', P0, P1),
    compareNone: vscode.l10n.t('Tick at least one model to compare.'),
    compareAdjusted: vscode.l10n.t('adjusted for this model'),
    olderModelName: vscode.l10n.t('older name, now {0}', P0),
    compareNoReferences: vscode.l10n.t('no reference images'),
    compareRow: vscode.l10n.t('Comparison'),
    seconds: vscode.l10n.t('{0} s', P0),
    improvePrompt: vscode.l10n.t('Improve Prompt'),
    stopImproving: vscode.l10n.t('Stop Improving'),
    improved: vscode.l10n.t('Prompt improved. Undo ({0}+Z) brings yours back.', P0),
  };
}

/** The catalog as the webview shows it: the same data, with labels and summaries in the display language. */
export function translatedModels(models: readonly ModelSpec[]): ModelSpec[] {
  // Catalog text is data; the bundle holds a translation for every built-in label (custom models stay as written).
  return models.map((model) => ({
    ...model,
    label: vscode.l10n.t(model.label),
    summary: model.summary && vscode.l10n.t(model.summary),
    options: model.options.map((option) =>
      option.kind === 'enum'
        ? { ...option, label: vscode.l10n.t(option.label), choices: option.choices.map((c) => (c.label ? { ...c, label: vscode.l10n.t(c.label) } : c)) }
        : { ...option, label: vscode.l10n.t(option.label) },
    ),
  }));
}
