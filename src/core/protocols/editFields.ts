import type { ResolvedEdit } from '../editing/editRequest';
import { fillSizeTemplate } from './wireFields';

/**
 * The catalog-driven fields of an edit: the count, the size templates and the options, as `[field path, wire value]`.
 * An edit may leave the ratio or the resolution out (the model then keeps the source's shape), so a template is
 * sent only when every value it names was given: `{size}` needs both.
 */

const NOT_GIVEN = { id: '', wire: '' };

function templateApplies(template: string, edit: ResolvedEdit): boolean {
  return (
    (!template.includes('{ratio}') || edit.ratio !== undefined) &&
    (!template.includes('{resolution}') || edit.resolution !== undefined) &&
    (!template.includes('{size}') || edit.size !== undefined)
  );
}

export function editFieldValues(edit: ResolvedEdit): Array<[path: string, value: unknown]> {
  const fields: Array<[string, unknown]> = [];
  if (edit.model.n.field) {
    fields.push([edit.model.n.field, edit.count]);
  }
  for (const [path, template] of Object.entries(edit.model.sizeFields)) {
    if (templateApplies(template, edit)) {
      const values = { ratio: edit.ratio ?? NOT_GIVEN, resolution: edit.resolution ?? NOT_GIVEN, size: edit.size ?? { ratio: '', resolution: '', width: null, height: null } };
      fields.push([path, fillSizeTemplate(template, values)]);
    }
  }
  for (const resolved of edit.options) {
    if (resolved.wire !== undefined) {
      fields.push([resolved.option.field, resolved.wire]);
    }
  }
  return fields;
}
