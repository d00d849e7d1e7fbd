/**
 * Small field checks shared by both protocols. Each returns a problem (field, message, code) or undefined; the
 * endpoint turns a problem into its own error shape. Messages follow OpenAI's wording, which clients may show.
 */

export interface Problem {
  readonly param: string;
  readonly message: string;
  /** OpenAI's machine code for the problem, e.g. `invalid_value`. */
  readonly code: string;
}

export type Check = (value: unknown, param: string) => Problem | undefined;

const shown = (value: unknown): string => (typeof value === 'string' ? `'${value}'` : JSON.stringify(value));

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal';
  return `a ${typeof value}`;
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const invalidType = (param: string, expected: string, value: unknown): Problem => ({
  param,
  message: `Invalid type for '${param}': expected ${expected}, but got ${typeName(value)} instead.`,
  code: 'invalid_type',
});

export const oneOf =
  (allowed: readonly string[], options: { ignoreCase?: boolean } = {}): Check =>
  (value, param) => {
    if (typeof value !== 'string') return invalidType(param, 'one of ' + allowed.map(shown).join(', '), value);
    const norm = (s: string): string => (options.ignoreCase ? s.toUpperCase() : s);
    if (allowed.some((a) => norm(a) === norm(value))) return undefined;
    return {
      param,
      message: `Invalid value: ${shown(value)}. Supported values are: ${allowed.map(shown).join(', ')}.`,
      code: 'invalid_value',
    };
  };

export const integer =
  (min: number, max: number): Check =>
  (value, param) => {
    if (typeof value !== 'number' || !Number.isInteger(value)) return invalidType(param, 'an integer', value);
    if (value < min) {
      return { param, message: `Invalid '${param}': integer below minimum value. Expected a value >= ${min}, but got ${value} instead.`, code: 'integer_below_min_value' };
    }
    if (value > max) {
      return { param, message: `Invalid '${param}': integer above maximum value. Expected a value <= ${max}, but got ${value} instead.`, code: 'integer_above_max_value' };
    }
    return undefined;
  };

export const text =
  (maxLength: number): Check =>
  (value, param) => {
    if (typeof value !== 'string') return invalidType(param, 'a string', value);
    if (value.trim().length === 0) return { param, message: `Invalid '${param}': empty string.`, code: 'empty_string' };
    // The documents count characters, so code points rather than UTF-16 units.
    const length = [...value].length;
    if (length <= maxLength) return undefined;
    return {
      param,
      message: `Invalid '${param}': string too long. Expected a string with maximum length ${maxLength}, but got a string with length ${length} instead.`,
      code: 'string_above_max_length',
    };
  };

export const missing = (param: string): Problem => ({
  param,
  message: `Missing required parameter: '${param}'.`,
  code: 'missing_required_parameter',
});

export const unknownField = (param: string): Problem => ({
  param,
  message: `Unknown parameter: '${param}'.`,
  code: 'unknown_parameter',
});

/** The first unknown key of `body`, if any, named with its dotted path. */
export function firstUnknown(body: Record<string, unknown>, known: readonly string[], prefix = ''): Problem | undefined {
  const extra = Object.keys(body).find((key) => !known.includes(key));
  return extra === undefined ? undefined : unknownField(prefix + extra);
}
