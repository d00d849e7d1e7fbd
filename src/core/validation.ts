import { sizeOf, type Catalog } from './catalog/catalog';
import type { AxisValue, Choice, EnumOption, IntegerOption, ModelOption, ModelSpec, SizeCell } from './catalog/modelSpec';
import { choicesAllowed, effectiveOptionValues, whenHolds, type OptionValues } from './catalog/optionRules';
import { DmxApiError } from './errors';
import { sniffImageMime } from './imageBytes';
import type { GenerationRequest, ReferenceImage } from './types';
import { issue, type ValidationIssue } from './validationIssues';

/** An option that applies to this request, with the value the user chose (or its default) and what goes on the wire. */
export interface ResolvedOption {
  readonly option: ModelOption;
  readonly value: string | number;
  /** Absent: the field is left out of the body (e.g. a choice with no wire value). */
  readonly wire?: unknown;
}

/** A request checked against its model, in the terms the request builders need. */
export interface ResolvedRequest {
  readonly model: ModelSpec;
  readonly prompt: string;
  readonly count: number;
  readonly ratio: AxisValue;
  readonly resolution: AxisValue;
  readonly size: SizeCell;
  readonly options: readonly ResolvedOption[];
  readonly references: readonly ReferenceImage[];
}

export type ValidationResult =
  | { readonly ok: true; readonly request: ResolvedRequest }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

/** Prompt limits count characters as people and the seeds' Python do: code points, not UTF-16 units. */
function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) {
    length += 1;
  }
  return length;
}

export function checkPrompt(model: ModelSpec, prompt: string, issues: ValidationIssue[]): string {
  const trimmed = prompt.trim();
  if (trimmed.length === 0) {
    issues.push(issue.emptyPrompt());
  }
  const length = codePointLength(trimmed);
  if (length > model.promptMaxLength) {
    issues.push(issue.promptTooLong(length, model.promptMaxLength));
  }
  return trimmed;
}

function checkEnum(option: EnumOption, value: string | number, effective: OptionValues, issues: ValidationIssue[]): Choice | undefined {
  const allowed = choicesAllowed(option, effective);
  const choice = allowed.find((c) => c.id === value);
  if (!choice) {
    issues.push(issue.choiceNotAllowed(option.id, String(value), allowed.map((c) => c.id)));
  }
  return choice;
}

function checkInteger(option: IntegerOption, value: string | number, issues: ValidationIssue[]): boolean {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    issues.push(issue.notInteger(option.id, value));
    return false;
  }
  if (value < option.min || value > option.max) {
    issues.push(issue.outOfRange(option.id, value, option.min, option.max));
    return false;
  }
  return true;
}

/** Options whose `when` fails are dropped, not refused: the UI keeps values of hidden options around. */
export function checkOptions(model: ModelSpec, values: OptionValues, issues: ValidationIssue[]): ResolvedOption[] {
  for (const id of Object.keys(values)) {
    if (!model.options.some((option) => option.id === id)) {
      issues.push(issue.unknownOption(id));
    }
  }
  const effective = effectiveOptionValues(model, values);
  const resolved: ResolvedOption[] = [];
  for (const option of model.options) {
    const value = effective[option.id];
    if (value === undefined || !whenHolds(option.when, effective)) {
      continue;
    }
    if (option.kind === 'enum') {
      const choice = checkEnum(option, value, effective, issues);
      if (choice) {
        resolved.push({ option, value, ...(choice.wire === undefined ? {} : { wire: choice.wire }) });
      }
    } else if (checkInteger(option, value, issues)) {
      resolved.push({ option, value, wire: value });
    }
  }
  return resolved;
}

function checkReferences(model: ModelSpec, references: readonly ReferenceImage[], issues: ValidationIssue[]): void {
  if (references.length === 0) {
    return;
  }
  if (model.references.max === 0) {
    issues.push(issue.referencesNotAccepted(model.id));
    return;
  }
  if (references.length > model.references.max) {
    issues.push(issue.tooManyReferences(references.length, model.references.max));
  }
  references.forEach((reference, index) => {
    if (reference.bytes.byteLength > model.references.maxBytes) {
      issues.push(issue.referenceTooLarge(index, reference.name, reference.bytes.byteLength, model.references.maxBytes));
    }
    if (sniffImageMime(reference.bytes) === undefined) {
      issues.push(issue.referenceNotImage(index, reference.name));
    }
  });
}

function checkAxes(model: ModelSpec, request: GenerationRequest, issues: ValidationIssue[]) {
  const ratio = model.aspectRatios.find((r) => r.id === request.aspectRatio);
  const resolution = model.resolutions.find((r) => r.id === request.resolution);
  if (!ratio) {
    issues.push(issue.unknownRatio(request.aspectRatio, model.aspectRatios.map((r) => r.id)));
  }
  if (!resolution) {
    issues.push(issue.unknownResolution(request.resolution, model.resolutions.map((r) => r.id)));
  }
  const size = ratio && resolution ? sizeOf(model, ratio.id, resolution.id) : undefined;
  if (ratio && resolution && !size) {
    issues.push(issue.noSize(ratio.id, resolution.id));
  }
  return { ratio, resolution, size };
}

/** Checks everything that can be checked without the server; nothing is sent for a request with issues. */
export function validateRequest(catalog: Catalog, request: GenerationRequest): ValidationResult {
  const model = catalog.find(request.model);
  if (!model) {
    return { ok: false, issues: [issue.unknownModel(request.model)] };
  }
  const issues: ValidationIssue[] = [];
  const prompt = checkPrompt(model, request.prompt, issues);
  const { ratio, resolution, size } = checkAxes(model, request, issues);
  const count = request.count ?? 1;
  if (!Number.isInteger(count) || count < 1 || count > model.n.max) {
    issues.push(issue.countOutOfRange(count, model.n.max));
  }
  const options = checkOptions(model, request.options ?? {}, issues);
  const references = request.references ?? [];
  checkReferences(model, references, issues);
  if (issues.length > 0 || !ratio || !resolution || !size) {
    return { ok: false, issues };
  }
  return { ok: true, request: { model, prompt, count, ratio, resolution, size, options, references } };
}

/** `validateRequest` for callers that want the failure as the engine's one error type. */
export function resolveRequest(catalog: Catalog, request: GenerationRequest): ResolvedRequest {
  const result = validateRequest(catalog, request);
  if (!result.ok) {
    throw new DmxApiError({ kind: 'invalidRequest', issues: result.issues });
  }
  return result.request;
}
