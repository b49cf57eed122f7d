import { createClient } from '@firebreak/shared';

let csrfToken: string | undefined;

/** Remembers the session's CSRF token; every cookie-authenticated write must send it. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** The typed REST client, same-origin, carrying the session cookie and the CSRF token. */
export const api = createClient({ csrfToken: () => csrfToken });

export const API = '/api/v1';
