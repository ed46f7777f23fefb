import type { FormErrors } from '@mantine/form';
import { isApiError } from '../api/problem';

/**
 * Maps a 400/422 problem's `errors[].field` (a body path like `assignee.id`) onto form field paths.
 * `aliases` handles fields whose form path differs from the body path. Returns whatever could not be
 * placed on a field, so the caller can show it in an alert.
 */
export function applyServerErrors(
  error: unknown,
  setErrors: (errors: FormErrors) => void,
  knownFields: readonly string[],
  aliases: Record<string, string> = {},
): string[] {
  if (!isApiError(error) || error.fieldErrors.length === 0) return [];
  const errors: FormErrors = {};
  const unplaced: string[] = [];
  for (const { field, reason: predicate } of error.fieldErrors) {
    // The server words a reason as a predicate ("must be 9 digits…") to sit under the field's label.
    const reason = predicate ? predicate[0]!.toUpperCase() + predicate.slice(1) : predicate;
    const path = field
      .replace(/^body[./]/, '')
      .replace(/^\//, '')
      .replaceAll('/', '.');
    const target = aliases[path] ?? aliases[path.split('.')[0] ?? ''] ?? path;
    if (knownFields.includes(target)) {
      errors[target] = errors[target] ? `${errors[target]}; ${reason}` : reason;
    } else {
      unplaced.push(field ? `${field}: ${reason}` : reason);
    }
  }
  setErrors(errors);
  return unplaced;
}
