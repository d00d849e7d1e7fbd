import * as vscode from 'vscode';
import { formatBytes } from '../core/http/logFormat';
import type { ValidationIssue } from '../core/validationIssues';

/**
 * The core's validation issues in the display language. The core words them in English for the log; the user
 * reads these: what is wrong, and what to do about it.
 */

const list = (values: readonly string[]): string => values.join(', ');

/** A reference image by its file name, else by its position among the attached ones. */
const referenceName = (index: number, name: string | undefined): string => name ?? `#${index + 1}`;

export function describeIssue(issue: ValidationIssue): string {
  switch (issue.code) {
    case 'emptyPrompt':
      return vscode.l10n.t('The prompt is empty. Describe the image to generate.');
    case 'promptTooLong':
      return vscode.l10n.t('The prompt has {0} characters; this model takes at most {1}. Shorten it.', issue.length, issue.max);
    case 'unknownModel':
      return vscode.l10n.t('"{0}" is not a known model. Pick one with "DMXAPI: Select Model".', issue.model);
    case 'unknownRatio':
      return vscode.l10n.t('This model does not offer the aspect ratio {0}. It offers: {1}.', issue.ratio, list(issue.allowed));
    case 'unknownResolution':
      return vscode.l10n.t('This model does not offer the resolution {0}. It offers: {1}.', issue.resolution, list(issue.allowed));
    case 'noSize':
      return vscode.l10n.t('This model has no image size for {0} at {1}. Pick another ratio or resolution.', issue.ratio, issue.resolution);
    case 'unknownOption':
      return vscode.l10n.t('This model has no option "{0}". Remove it from dmxapi.modelOptions.', issue.option);
    case 'choiceNotAllowed':
      return vscode.l10n.t('Option {0} cannot be "{1}" here. Allowed: {2}.', issue.option, issue.choice, list(issue.allowed));
    case 'notInteger':
      return vscode.l10n.t('Option {0} must be a whole number, not {1}.', issue.option, JSON.stringify(issue.value));
    case 'outOfRange':
      return vscode.l10n.t('Option {0} must be between {1} and {2}, not {3}.', issue.option, issue.min, issue.max, issue.value);
    case 'countOutOfRange':
      return vscode.l10n.t('This model makes 1 to {0} images per request, not {1}.', issue.max, issue.count);
    case 'referencesNotAccepted':
      return vscode.l10n.t('{0} takes no reference images. Remove them or pick a model that does.', issue.model);
    case 'tooManyReferences':
      return vscode.l10n.t('{0} reference images are attached; this model takes at most {1}. Remove some.', issue.count, issue.max);
    case 'referenceTooLarge':
      return vscode.l10n.t(
        'The reference image {0} is {1}; this model takes at most {2} per image.',
        referenceName(issue.index, issue.name),
        formatBytes(issue.bytes),
        formatBytes(issue.maxBytes),
      );
    case 'referenceNotImage':
      return vscode.l10n.t('The reference image {0} is not a PNG, JPEG, WebP or GIF image.', referenceName(issue.index, issue.name));
    case 'cannotEdit':
      return vscode.l10n.t('{0} cannot edit images. Pick a model that can.', issue.model);
    case 'noEditImage':
      return vscode.l10n.t('Choose an image to edit.');
    case 'tooManyEditImages':
      return vscode.l10n.t('{0} images are to be edited; this model takes at most {1}. Remove some.', issue.count, issue.max);
    case 'editImageNotImage':
      return vscode.l10n.t('The image {0} is not a PNG, JPEG, WebP or GIF image.', referenceName(issue.index, issue.name));
    case 'editImageFormat':
      return vscode.l10n.t('The image {0} is {1}; this model edits only {2}.', referenceName(issue.index, issue.name), issue.mimeType, list(issue.allowed));
    case 'editImageTooLarge':
      return vscode.l10n.t(
        'The image {0} is {1}; this model takes images under {2}.',
        referenceName(issue.index, issue.name),
        formatBytes(issue.bytes),
        formatBytes(issue.maxBytes),
      );
    case 'maskNotAccepted':
      return vscode.l10n.t('{0} takes no mask. Clear the painted area or pick a model that takes one.', issue.model);
    case 'maskWithoutAlpha':
      return vscode.l10n.t('The mask must be a PNG with an alpha channel.');
    case 'maskFormatMismatch':
      return vscode.l10n.t('The mask is a PNG but the image it applies to is {0}; this model needs both in the same format.', issue.mimeType);
    case 'maskSizeMismatch':
      return vscode.l10n.t(
        'The mask is {0}×{1} pixels but the image is {2}×{3}; the mask must have the image\'s exact size.',
        issue.maskWidth,
        issue.maskHeight,
        issue.width,
        issue.height,
      );
    case 'maskTooLarge':
      return vscode.l10n.t('The mask is {0}; this model takes masks under {1}.', formatBytes(issue.bytes), formatBytes(issue.maxBytes));
    case 'conversationNotAccepted':
      return vscode.l10n.t('{0} cannot continue a conversation. Edit the image alone.', issue.model);
  }
}

/** Every issue, one sentence each, so one message lists all that must change. */
export function describeIssues(issues: readonly ValidationIssue[]): string {
  return issues.map(describeIssue).join(' ');
}
