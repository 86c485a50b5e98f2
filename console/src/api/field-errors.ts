import type { FormInstance } from 'antd';
import { ApiError } from './api-error';

type NamePath = (string | number)[];

/**
 * "items.0.skuId" -> ['items', 0, 'skuId'] (antd's name path for Form.List entries). Rules checked across fields
 * name entries the other way, "prizes[0].stock", which reads the same.
 */
export function toNamePath(field: string): NamePath {
  return field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Shows a VALIDATION_FAILED answer's problems at the form's fields. A problem on a field the form does not have
 * goes to its nearest ancestor the form has ("items.0.skuId" on Form.Item name="items"). Returns whether any
 * problem found a field: when none did, show the error another way (a message or an Alert).
 */
export function applyFieldErrors(form: FormInstance, error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  const registered = new Set(form.getFieldsError().map((entry) => JSON.stringify(entry.name)));
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  for (const { field, problems } of error.fieldProblems) {
    const path = toNamePath(field);
    for (let length = path.length; length > 0; length -= 1) {
      const key = JSON.stringify(path.slice(0, length));
      if (!registered.has(key)) continue;
      const entry = byField.get(key) ?? { name: path.slice(0, length), errors: [] };
      entry.errors.push(...problems);
      byField.set(key, entry);
      break;
    }
  }
  form.setFields([...byField.values()]);
  return byField.size > 0;
}
