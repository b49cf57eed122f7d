import { AuditEntry, AuditQuery, AuditVerification, pageOf } from '@firebreak/shared';
import type { AppContext } from '../../core/context.js';
import { invalidField } from '../../core/errors.js';
import type { App } from '../../http/app.js';
import { presentAuditEntry } from './audit.presenter.js';
import { listEntries } from './audit.repo.js';
import { verifyAuditChain } from './audit.verify.js';

const tags = ['audit'];

export function auditRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/audit',
    {
      schema: {
        tags,
        summary: 'The audit log, newest first',
        description: 'Every change a person or API token made through the API. Admins only.',
        querystring: AuditQuery,
        response: { 200: pageOf(AuditEntry) },
      },
      config: { access: 'admin' },
    },
    async (request) => {
      const { limit, cursor, actor, since, until, route } = request.query;
      const beforeSeq = cursor === undefined ? undefined : Number(cursor);
      if (beforeSeq !== undefined && !Number.isSafeInteger(beforeSeq)) {
        throw invalidField('cursor', 'is not a cursor from a previous page');
      }
      const rows = await listEntries(
        ctx.db,
        {
          actorUserId: actor,
          since: since === undefined ? undefined : Date.parse(since),
          until: until === undefined ? undefined : Date.parse(until),
          route,
        },
        { limit: limit + 1, beforeSeq },
      );
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return {
        items: items.map(presentAuditEntry),
        nextCursor: rows.length > limit && last ? String(last.seq) : null,
      };
    },
  );

  app.get(
    '/audit/verify',
    {
      schema: {
        tags,
        summary: 'Check the audit log’s hash chain',
        description: 'Recomputes every hash; reports the first entry that was changed or whose predecessor is missing.',
        response: { 200: AuditVerification },
      },
      config: { access: 'admin' },
    },
    async () => verifyAuditChain(ctx.db),
  );
}
