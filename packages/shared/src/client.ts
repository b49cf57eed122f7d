import type { Problem } from './common/problem.js';
import { CSRF_HEADER } from './directory/session.js';

/** An error answer from the API, carrying its RFC 9457 problem body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }
}

export type ClientOptions = {
  /** Server origin, e.g. `http://localhost:8080`; empty for same-origin (the web UI). */
  baseUrl?: string;
  /** API token, sent as a Bearer token. */
  token?: string;
  /** For cookie sessions: returns the CSRF token to send with writes. */
  csrfToken?: () => string | undefined;
  fetch?: typeof fetch;
};

type Query = Record<string, string | number | boolean | undefined | null>;

/**
 * A thin typed REST client shared by the CLI and the web UI.
 *
 * @example
 * const api = createClient({ baseUrl: 'http://localhost:8080', token });
 * const { items } = await api.get<Page<Service>>('/api/v1/services', { limit: 10 });
 */
export function createClient(options: ClientOptions = {}) {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const base = (options.baseUrl ?? '').replace(/\/$/, '');

  async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const csrf = options.csrfToken?.();
    if (csrf && method !== 'GET') headers[CSRF_HEADER] = csrf;
    const response = await doFetch(base + path + queryString(query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    const data = text ? safeJson(text) : undefined;
    if (!response.ok) {
      const problem =
        data && typeof data === 'object' && 'title' in data
          ? (data as Problem)
          : {
              type: 'about:blank',
              title: response.statusText,
              status: response.status,
              code: 'http_error',
              detail: text.slice(0, 500),
            };
      throw new ApiError(response.status, problem);
    }
    return data as T;
  }

  return {
    request,
    get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
    post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
    put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body ?? {}),
    patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body ?? {}),
    delete: <T>(path: string) => request<T>('DELETE', path),
  };
}
export type ApiClient = ReturnType<typeof createClient>;

function queryString(query?: Query): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
