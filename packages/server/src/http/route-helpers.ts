import { Id } from '@firebreak/shared';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { unauthorized } from '../core/errors.js';
import type { Actor } from './access.js';

// Pieces every domain's routes use; a domain's own route-helpers.ts adds what only it needs.

export const IdParams = z.object({ id: Id });
export const NoContent = z.null().describe('No content');

/** The signed-in actor; routes that call it declare a non-public access, so this only guards mistakes. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}
