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
  // Image editing (core/editing): the source images, the mask and the conversation.
  | { readonly code: 'cannotEdit'; readonly model: string }
  | { readonly code: 'noEditImage' }
  | { readonly code: 'tooManyEditImages'; readonly count: number; readonly max: number }
  | { readonly code: 'editImageNotImage'; readonly index: number; readonly name?: string }
  | { readonly code: 'editImageFormat'; readonly index: number; readonly name?: string; readonly mimeType: string; readonly allowed: readonly string[] }
  | { readonly code: 'editImageTooLarge'; readonly index: number; readonly name?: string; readonly bytes: number; readonly maxBytes: number }
  | { readonly code: 'maskNotAccepted'; readonly model: string }
  | { readonly code: 'maskWithoutAlpha' }
  | { readonly code: 'maskFormatMismatch'; readonly mimeType: string }
  | { readonly code: 'maskSizeMismatch'; readonly maskWidth: number; readonly maskHeight: number; readonly width: number; readonly height: number }
  | { readonly code: 'maskTooLarge'; readonly bytes: number; readonly maxBytes: number }
  | { readonly code: 'conversationNotAccepted'; readonly model: string }
);

export type ValidationIssueCode = ValidationIssue['code'];

const list = (values: readonly string[]): string => values.join(', ');
const referenceName = (index: number, name: string | undefined): string => (name ? `${name} (#${index + 1})` : `#${index + 1}`);
const named = (name: string | undefined): { name?: string } => (name === undefined ? {} : { name });

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
  cannotEdit: (model: string): ValidationIssue => ({ code: 'cannotEdit', model, message: `${model} cannot edit images` }),
  noEditImage: (): ValidationIssue => ({ code: 'noEditImage', message: 'no image to edit was given' }),
  tooManyEditImages: (count: number, max: number): ValidationIssue => ({
    code: 'tooManyEditImages',
    count,
    max,
    message: `${count} images to edit; the model takes at most ${max}`,
  }),
  editImageNotImage: (index: number, name: string | undefined): ValidationIssue => ({
    code: 'editImageNotImage',
    index,
    ...named(name),
    message: `image ${referenceName(index, name)} is not a PNG, JPEG, WebP or GIF image`,
  }),
  editImageFormat: (index: number, name: string | undefined, mimeType: string, allowed: readonly string[]): ValidationIssue => ({
    code: 'editImageFormat',
    index,
    ...named(name),
    mimeType,
    allowed,
    message: `image ${referenceName(index, name)} is ${mimeType}; the model edits ${list(allowed)}`,
  }),
  editImageTooLarge: (index: number, name: string | undefined, bytes: number, maxBytes: number): ValidationIssue => ({
    code: 'editImageTooLarge',
    index,
    ...named(name),
    bytes,
    maxBytes,
    message: `image ${referenceName(index, name)} has ${bytes} bytes; the model takes images under ${maxBytes} bytes`,
  }),
  maskNotAccepted: (model: string): ValidationIssue => ({ code: 'maskNotAccepted', model, message: `${model} takes no mask` }),
  maskWithoutAlpha: (): ValidationIssue => ({ code: 'maskWithoutAlpha', message: 'the mask must be a PNG with an alpha channel' }),
  maskFormatMismatch: (mimeType: string): ValidationIssue => ({
    code: 'maskFormatMismatch',
    mimeType,
    message: `the mask is a PNG but the image it applies to is ${mimeType}; both must have the same format`,
  }),
  maskSizeMismatch: (maskWidth: number, maskHeight: number, width: number, height: number): ValidationIssue => ({
    code: 'maskSizeMismatch',
    maskWidth,
    maskHeight,
    width,
    height,
    message: `the mask is ${maskWidth}x${maskHeight} but the image it applies to is ${width}x${height}`,
  }),
  maskTooLarge: (bytes: number, maxBytes: number): ValidationIssue => ({
    code: 'maskTooLarge',
    bytes,
    maxBytes,
    message: `the mask has ${bytes} bytes; the model takes masks under ${maxBytes} bytes`,
  }),
  conversationNotAccepted: (model: string): ValidationIssue => ({
    code: 'conversationNotAccepted',
    model,
    message: `${model} does not continue a conversation; edit the image alone`,
  }),
};
