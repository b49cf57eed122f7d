import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { AppContext } from '../../src/core/context.js';
import { createUser, SYSTEM } from '../../src/domains/directory/index.js';

let ipCounter = 0;
/** A client address of its own, so the per-address sign-in limit of one test never touches another. */
export const freshIp = () => `10.0.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;

export const PASSWORD = 'correct horse battery staple';

export async function personWithPassword(ctx: AppContext, role: 'viewer' | 'responder' | 'admin' = 'responder') {
  const n = Math.random().toString(36).slice(2, 10);
  return createUser(ctx, { name: `Person ${n}`, email: `p-${n}@example.test`, role, password: PASSWORD }, SYSTEM);
}

export type Browser = { cookie: string; csrf: string; headers: Record<string, string> };

/** Signs in like the web UI does and returns what the browser would then send. */
export async function signInBrowser(app: FastifyInstance, email: string, password = PASSWORD): Promise<Browser> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    remoteAddress: freshIp(),
  });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'fb_session')!.value;
  const csrf = res.json().csrfToken as string;
  return { cookie, csrf, headers: { cookie: `fb_session=${cookie}`, 'x-csrf-token': csrf } };
}
