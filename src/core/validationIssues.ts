/**
 * Why a request was refused before it was sent. `code` is what the extension translates; `message` is the
 * English line for logs and for `DmxApiError.message`.
 */
export type ValidationIssue = { readonly message: string } & (
  | { readonly code: 'emptyPrompt' }
  | { readonly code: 'promptTooLong'; readonly length: number; readonly max: number }
  | { readonly code: 'unknownModel'; readonly model: string }
  | { readonly code: 'unknownRatio'; readonly ratio: string; readonly allowed: readonly string[] }
  | { readonly code: 'unknownResolution'; readonly resolution: string; readonly allowed: readonly string[] }
  | { readonly code: 'noSize'; readonly ratio: string; readonly resolution: string }
  | { readonly code: 'unknownOption'; readonly option: string }
  | { readonly code: 'choiceNotAllowed'; readonly option: string; readonly choice: string; readonly allowed: readonly string[] }
  | { readonly code: 'notInteger'; readonly option: string; readonly value: string | number }
  | { readonly code: 'outOfRange'; readonly option: string; readonly value: number; readonly min: number; readonly max: number }
  | { readonly code: 'countOutOfRange'; readonly count: number; readonly max: number }
  | { readonly code: 'referencesNotAccepted'; readonly model: string }
  | { readonly code: 'tooManyReferences'; readonly count: number; readonly max: number }
  | { readonly code: 'referenceTooLarge'; readonly index: number; readonly name?: string; readonly bytes: number; readonly maxBytes: number }
  | { readonly code: 'referenceNotImage'; readonly index: number; readonly name?: string }
);

export type ValidationIssueCode = ValidationIssue['code'];

const list = (values: readonly string[]): string => values.join(', ');
const referenceName = (index: number, name: string | undefined): string => (name ? `${name} (#${index + 1})` : `#${index + 1}`);

/** Builds issues with their English message, so every place that reports one words it the same way. */
export const issue = {
  emptyPrompt: (): ValidationIssue => ({ code: 'emptyPrompt', message: 'the prompt is empty' }),
  promptTooLong: (length: number, max: number): ValidationIssue => ({
    code: 'promptTooLong',
    length,
    max,
    message: `the prompt has ${length} characters; the model takes at most ${max}`,
  }),
  unknownModel: (model: string): ValidationIssue => ({ code: 'unknownModel', model, message: `unknown model "${model}"` }),
  unknownRatio: (ratio: string, allowed: readonly string[]): ValidationIssue => ({
    code: 'unknownRatio',
    ratio,
    allowed,
    message: `aspect ratio ${ratio} is not offered by this model (${list(allowed)})`,
  }),
  unknownResolution: (resolution: string, allowed: readonly string[]): ValidationIssue => ({
    code: 'unknownResolution',
    resolution,
    allowed,
    message: `resolution ${resolution} is not offered by this model (${list(allowed)})`,
  }),
  noSize: (ratio: string, resolution: string): ValidationIssue => ({
    code: 'noSize',
    ratio,
    resolution,
    message: `the model has no size for ${ratio} at ${resolution}`,
  }),
  unknownOption: (option: string): ValidationIssue => ({ code: 'unknownOption', option, message: `unknown option "${option}"` }),
  choiceNotAllowed: (option: string, choice: string, allowed: readonly string[]): ValidationIssue => ({
    code: 'choiceNotAllowed',
    option,
    choice,
    allowed,
    message: `option ${option}: "${choice}" is not allowed here (${list(allowed)})`,
  }),
  notInteger: (option: string, value: string | number): ValidationIssue => ({
    code: 'notInteger',
    option,
    value,
    message: `option ${option}: ${JSON.stringify(value)} is not an integer`,
  }),
  outOfRange: (option: string, value: number, min: number, max: number): ValidationIssue => ({
    code: 'outOfRange',
    option,
    value,
    min,
    max,
    message: `option ${option}: ${value} is outside ${min}…${max}`,
  }),
  countOutOfRange: (count: number, max: number): ValidationIssue => ({
    code: 'countOutOfRange',
    count,
    max,
    message: `${count} images asked for; the model makes 1 to ${max} per request`,
  }),
  referencesNotAccepted: (model: string): ValidationIssue => ({
    code: 'referencesNotAccepted',
    model,
    message: `${model} takes no reference images`,
  }),
  tooManyReferences: (count: number, max: number): ValidationIssue => ({
    code: 'tooManyReferences',
    count,
    max,
    message: `${count} reference images; the model takes at most ${max}`,
  }),
  referenceTooLarge: (index: number, name: string | undefined, bytes: number, maxBytes: number): ValidationIssue => ({
    code: 'referenceTooLarge',
    index,
    ...(name === undefined ? {} : { name }),
    bytes,
    maxBytes,
    message: `reference image ${referenceName(index, name)} has ${bytes} bytes; the limit is ${maxBytes}`,
  }),
  referenceNotImage: (index: number, name: string | undefined): ValidationIssue => ({
    code: 'referenceNotImage',
    index,
    ...(name === undefined ? {} : { name }),
    message: `reference image ${referenceName(index, name)} is not a PNG, JPEG, WebP or GIF image`,
  }),
};
