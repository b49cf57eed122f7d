import type { FastifyInstance } from 'fastify';
import { badRequest } from '../../core/errors.js';
import { nulPlaces } from '../../core/nul.js';

// A request with a NUL in its path, query or parsed body is refused here with a 400 naming the
// field, instead of failing at the database as a 500 (see core/nul.ts). Routes that read their
// body as raw text (inbound integrations, chat) clean their own bodies.

const MESSAGE = 'must not contain the NUL character (U+0000)';

export function registerNulGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const places = [
      ...nulPlaces(request.params, 'params'),
      ...nulPlaces(request.query, 'querystring'),
      ...(typeof request.body === 'string' ? [] : nulPlaces(request.body, 'body')),
    ];
    if (places.length === 0) return;
    throw badRequest(
      'validation_failed',
      `Invalid request. ${places.map((field) => `${field}: ${MESSAGE}`).join('; ')}`,
      places.map((field) => ({ field, message: MESSAGE })),
    );
  });
}
