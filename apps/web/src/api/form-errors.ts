import type { FormInstance } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import { ApiError } from './client';

/** `roles.0.scopeId` → `['roles', 0, 'scopeId']`, the name path antd Form uses. */
export function toNamePath(path: string): (string | number)[] {
  return path.split('.').map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/**
 * Puts the server's field errors on the matching form fields. Returns the errors that matched
 * no field, so that the caller can show them elsewhere.
 */
export function applyFieldErrors(form: FormInstance, error: unknown): string[] {
  if (!(error instanceof ApiError) || error.fields.length === 0) return [];
  const registered = new Set(
    form
      .getFieldsError()
      .map((f) => JSON.stringify(f.name))
      .filter(Boolean),
  );
  const unmatched: string[] = [];
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  for (const field of error.fields) {
    const name = toNamePath(field.path);
    const key = JSON.stringify(name);
    if (!registered.has(key)) {
      unmatched.push(field.path ? `${field.path}: ${field.message}` : field.message);
      continue;
    }
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(field.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  return unmatched;
}
