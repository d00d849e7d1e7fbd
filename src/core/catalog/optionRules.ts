import type { Choice, EnumOption, ModelOption, ModelSpec } from './modelSpec';

/**
 * The `when` rules of options and choices, shared by the UI (which options to show), validation (which values
 * to refuse) and the request builders (which fields to send), so all three agree on one reading of them.
 */

export type OptionValues = Readonly<Record<string, string | number>>;

type When = Readonly<Record<string, readonly string[]>> | undefined;

/** Each option's value as the user set it, else its default; integer options without either are absent. */
export function effectiveOptionValues(model: ModelSpec, values: OptionValues = {}): Record<string, string | number> {
  const effective: Record<string, string | number> = {};
  for (const option of model.options) {
    const value = values[option.id] ?? option.default;
    if (value !== undefined) {
      effective[option.id] = value;
    }
  }
  return effective;
}

/** A rule holds when every option it names currently has one of the listed choice ids. */
export function whenHolds(when: When, effective: OptionValues): boolean {
  if (!when) {
    return true;
  }
  return Object.entries(when).every(([optionId, allowed]) => {
    const value = effective[optionId];
    return value !== undefined && allowed.includes(String(value));
  });
}

export function choicesAllowed(option: EnumOption, effective: OptionValues): Choice[] {
  return option.choices.filter((choice) => whenHolds(choice.when, effective));
}

export interface ApplicableOption {
  readonly option: ModelOption;
  /** For enum options, the choices allowed now; empty for integer options. */
  readonly choices: readonly Choice[];
  readonly value: string | number | undefined;
}

/** The options that apply given the current values, each with the choices it allows now; what the UI shows. */
export function applicableOptions(model: ModelSpec, values: OptionValues = {}): ApplicableOption[] {
  const effective = effectiveOptionValues(model, values);
  return model.options
    .filter((option) => whenHolds(option.when, effective))
    .map((option) => ({
      option,
      choices: option.kind === 'enum' ? choicesAllowed(option, effective) : [],
      value: effective[option.id],
    }));
}
