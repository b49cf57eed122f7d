import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { unauthorized } from '../../core/errors.js';
import type { Viewer } from './incidents.policy.js';

export const IncidentParams = z.object({
  id: z.string().min(1).max(64).describe('Incident id or number, e.g. `INC-42`'),
});
export { NoContent } from '../../http/route-helpers.js';

/** The signed-in person; every incidents route declares a non-public access, so this guards mistakes only. */
export function viewerOf(request: FastifyRequest): Viewer {
  const actor = request.actor;
  if (!actor) throw unauthorized();
  return { userId: actor.userId, name: actor.name, role: actor.role };
}
