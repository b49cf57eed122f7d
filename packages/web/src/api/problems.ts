import { ApiError } from '@firebreak/shared';

export type FieldErrors = Record<string, string>;

/** The sentence to show a person for a failed request. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.problem.detail ?? error.problem.title;
  if (error instanceof TypeError) return 'The server could not be reached. Check your connection and try again.';
  return error instanceof Error ? error.message : 'Something went wrong.';
}

/**
 * Per-field messages from a validation problem, keyed by the input's own name: the server names
 * fields `body.name`, the form knows them as `name`.
 */
export function fieldErrors(error: unknown): FieldErrors {
  if (!(error instanceof ApiError) || !error.problem.errors) return {};
  const out: FieldErrors = {};
  for (const { field, message } of error.problem.errors) {
    const key = field.replace(/^(body|querystring|params)\./, '');
    out[key] ??= message;
  }
  return out;
}

/** True when the problem names only fields the form shows, so the summary alert would repeat them. */
export function coveredByFields(error: unknown, shown: readonly string[]): boolean {
  const fields = Object.keys(fieldErrors(error));
  return fields.length > 0 && fields.every((f) => shown.includes(f));
}
