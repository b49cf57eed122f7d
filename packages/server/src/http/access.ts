import type { Role } from '@firebreak/shared';
import type { FastifyInstance } from 'fastify';

/**
 * Who may call a route. Every route declares one in `config.access`; a route without it
 * fails start-up, so nothing is public by accident.
 * - public: anyone, signed in or not
 * - viewer / responder / admin: a signed-in person or token with at least that role
 */
export type Access = 'public' | Role;

/** The person (or token acting for a person) behind a request. */
export type Actor = {
  userId: string;
  name: string;
  role: Role;
  via: 'session' | 'token';
  /** Session id hash, for sign-out; token id for tokens. */
  credentialId: string;
  csrfToken?: string;
};

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export function requireAccessOnEveryRoute(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const access = (route.config as { access?: Access } | undefined)?.access;
    const internal = route.url.startsWith('/api/docs');
    if (!access && !internal) {
      throw new Error(`Route ${String(route.method)} ${route.url} has no config.access; declare who may call it.`);
    }
  });
}
