/**
 * Errors with a stable snake_case code and an HTTP status, mapped to RFC 9457
 * problem+json in one place (http/plugins/problems.ts).
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export type FieldError = { field: string; message: string };

export const notFound = (what: string, id?: string) =>
  new AppError(404, `${what.replace(/\s+/g, '_')}_not_found`, id ? `No ${what} with id "${id}".` : `No such ${what}.`);
export const badRequest = (code: string, message: string, errors?: FieldError[]) =>
  new AppError(400, code, message, errors ? { errors } : {});
export const invalidField = (field: string, message: string) =>
  badRequest('validation_failed', `${field}: ${message}`, [{ field, message }]);
export const unauthorized = (message = 'Sign in or send an API token as "Authorization: Bearer <token>".') =>
  new AppError(401, 'unauthorized', message);
export const forbidden = (message: string) => new AppError(403, 'forbidden', message);
export const conflict = (code: string, message: string, extra: Record<string, unknown> = {}) =>
  new AppError(409, code, message, extra);
export const unavailable = (message: string) => new AppError(503, 'service_unavailable', message);
