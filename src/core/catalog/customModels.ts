import type * as z from '../zod';
import { prototypeSegmentOf } from '../protocols/wireFields';
import { modelSpecSchema, type ModelSpec } from './modelSpec';

/**
 * Models the user adds in settings (`dmxapi.customModels`). A bad entry is skipped with a message naming the
 * entry and the field, so one typo does not take every other model away.
 */

export interface CustomModelsResult {
  readonly models: ModelSpec[];
  readonly errors: string[];
}

function entryName(index: number, raw: unknown): string {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id.length > 0 ? `custom model #${index + 1} ("${id}")` : `custom model #${index + 1}`;
}

function describeZodIssue(zodIssue: z.core.$ZodIssue): string {
  const path = zodIssue.path.map(String).join('.');
  return path ? `${path}: ${zodIssue.message}` : zodIssue.message;
}

/** Every body field path an entry names, with where it is named. */
function fieldPaths(model: ModelSpec): Array<[where: string, path: string]> {
  return [
    ...(model.n.field ? [['n.field', model.n.field] as [string, string]] : []),
    ...(model.references.field ? [['references.field', model.references.field] as [string, string]] : []),
    ...Object.keys(model.sizeFields).map((path): [string, string] => ['sizeFields', path]),
    ...model.options.map((option): [string, string] => [`options.${option.id}.field`, option.field]),
  ];
}

/** Checks the schema cannot express: things a request builder would otherwise trip over at send time. */
function wiringProblems(model: ModelSpec): string[] {
  const problems: string[] = [];
  for (const [where, path] of fieldPaths(model)) {
    const unsafe = prototypeSegmentOf(path);
    if (unsafe !== undefined) {
      problems.push(`${where}: "${path}" has a "${unsafe}" segment; field paths name body fields, and this one would change every object instead`);
    }
  }
  if (model.protocol === 'openai-images' && model.references.max > 0 && !model.references.field) {
    problems.push('references.field: an openai-images model that takes reference images needs the body field for them');
  }
  const usesSizeWire = Object.values(model.sizeFields).some((template) => template.includes('{size}'));
  for (const cell of model.sizes) {
    if (usesSizeWire && cell.wire === undefined) {
      problems.push(`sizes: cell ${cell.ratio} × ${cell.resolution} needs a wire value, since sizeFields use {size}`);
    }
  }
  return problems;
}

export function parseCustomModels(raw: unknown): CustomModelsResult {
  if (raw === undefined || raw === null) {
    return { models: [], errors: [] };
  }
  if (!Array.isArray(raw)) {
    return { models: [], errors: ['custom models: expected a list of model entries'] };
  }
  const models: ModelSpec[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  raw.forEach((entry: unknown, index) => {
    const name = entryName(index, entry);
    const parsed = modelSpecSchema.safeParse(entry);
    if (!parsed.success) {
      errors.push(...parsed.error.issues.map((zodIssue) => `${name}: ${describeZodIssue(zodIssue)}`));
      return;
    }
    const problems = wiringProblems(parsed.data);
    if (seen.has(parsed.data.id)) {
      problems.push(`id: another custom model already uses "${parsed.data.id}"`);
    }
    if (problems.length > 0) {
      errors.push(...problems.map((problem) => `${name}: ${problem}`));
      return;
    }
    seen.add(parsed.data.id);
    models.push(parsed.data);
  });
  return { models, errors };
}
