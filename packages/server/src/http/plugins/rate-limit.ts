import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../core/errors.js';

/** Sign-in attempts per client address: enough for typos, too few for guessing passwords. */
export const SIGN_IN_RATE_LIMIT = { max: 10, timeWindow: 60_000 };

/**
 * Rate limits, off by default; a route opts in with `config: { rateLimit: SIGN_IN_RATE_LIMIT }`.
 * Counters live in this process: several processes each allow the limit.
 * Must be registered before the routes it limits.
 */
export async function registerRateLimit(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AppError(429, 'rate_limited', `Too many attempts; try again in ${context.after}.`, {
        retryAfterSeconds: Math.ceil(context.ttl / 1000),
      }),
  });
}
