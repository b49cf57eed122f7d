import type { z } from 'zod';
import { badRequest } from '../../core/errors.js';

/**
 * Validates a command's input with its shared schema, so commands are safe to call from
 * anywhere (routes, the CLI, start-up), not only behind a validated route.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return {
        field: [path, issue.keys.join(',')].filter(Boolean).join('.'),
        message: `unknown field: ${issue.keys.join(', ')}`,
      };
    }
    return { field: path || 'input', message: issue.message };
  });
  throw badRequest(
    'validation_failed',
    `Invalid input. ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
    errors,
  );
}
