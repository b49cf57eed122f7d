import type { AuditEntry } from '@firebreak/shared';
import { toIso } from '../../core/clock.js';
import type { AuditRow } from './audit.repo.js';

/** What leaves the server: everything recorded, named for the API. */
export function presentAuditEntry(row: AuditRow): AuditEntry {
  return {
    seq: Number(row.seq),
    at: toIso(Number(row.at)),
    actor: { userId: row.actor_user_id, name: row.actor_name, via: row.actor_via, tokenId: row.token_id },
    ip: row.ip,
    userAgent: row.user_agent,
    method: row.method,
    route: row.route,
    params: JSON.parse(row.params) as Record<string, string>,
    resourceIds: JSON.parse(row.resource_ids) as Record<string, string>,
    status: Number(row.status),
    requestId: row.request_id,
    hash: row.hash,
  };
}
