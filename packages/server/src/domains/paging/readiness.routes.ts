import { FailingContactMethod, pageOf, Readiness } from '@firebreak/shared';
import type { AppContext } from '../../core/context.js';
import type { App } from '../../http/app.js';
import { failingContactMethods, pagingReadiness } from './paging.service.js';

const tags = ['paging'];

/** Can pages reach people: who on call lacks a verified method, which methods keep failing. */
export function readinessRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/paging/readiness',
    {
      schema: {
        tags,
        summary: 'People on call in the next 14 days without a verified high-urgency contact method',
        response: { 200: Readiness },
      },
      config: { access: 'viewer' },
    },
    async () => pagingReadiness(ctx),
  );

  app.get(
    '/paging/failing-contact-methods',
    {
      schema: {
        tags,
        summary: 'Contact methods whose latest notifications failed',
        response: { 200: pageOf(FailingContactMethod) },
      },
      config: { access: 'admin' },
    },
    async () => ({ items: await failingContactMethods(ctx), nextCursor: null }),
  );
}
