import type { AppContext } from '../../core/context.js';
import { SYSTEM } from '../directory/index.js';
import { createIntegration } from './commands/create-integration.js';
import { contentHash, type InboundAlert } from './inbound/event.js';
import { commitItems } from './ingest/commit.js';

// Demo: an Events API integration on every service (Alertmanager on the first), and a small storm on
// the first service — twelve alerts from different hosts within a minute, grouped into one group
// that pages once — plus a deploy change event just before it.

const HOSTS = ['web-1', 'web-2', 'web-3', 'api-1', 'api-2', 'api-3'];

export async function alertsDemo(ctx: AppContext): Promise<void> {
  const services = await ctx.db.selectFrom('services').select(['id', 'name']).orderBy('name').execute();
  if (services.length === 0) return;
  const integrations = [];
  for (const [i, service] of services.entries()) {
    integrations.push(
      await createIntegration(
        ctx,
        {
          serviceId: service.id,
          name: i === 0 ? 'Prometheus Alertmanager' : 'Monitoring (Events API)',
          kind: i === 0 ? 'alertmanager' : 'events_api',
          graceSeconds: 60,
        },
        SYSTEM,
      ),
    );
  }
  const first = integrations[0]!;
  await commitItems(ctx, [
    {
      kind: 'change',
      target: { integrationId: first.id },
      change: {
        summary: `Deployed ${services[0]!.name} build 812`,
        source: 'ci',
        occurredAt: ctx.clock.now() - 10 * 60_000,
        details: JSON.stringify({ build: 812, author: 'deploy-bot' }),
        links: [],
      },
    },
  ]);
  const storm: InboundAlert[] = Array.from({ length: 12 }, (_, i) => {
    const host = HOSTS[i % HOSTS.length]!;
    const summary = i % 2 ? `High 5xx rate on ${host}` : `p99 latency above 2 s on ${host}`;
    return {
      action: 'trigger',
      dedupKey: `demo-${i}`,
      summary,
      source: host,
      severity: i % 3 === 0 ? 'critical' : 'warning',
      occurredAt: ctx.clock.now() - (12 - i) * 5_000,
      component: 'http',
      sourceGroup: null,
      className: i % 2 ? 'error rate' : 'latency',
      details: JSON.stringify({ host, value: 0.05 + i / 100 }),
      labels: {
        alertname: i % 2 ? 'HighErrorRate' : 'HighLatency',
        instance: host,
        severity: i % 3 === 0 ? 'critical' : 'warning',
      },
      annotations: { summary },
      links: [],
      images: [],
      client: 'Alertmanager',
      clientUrl: null,
      groupKey: null,
      format: 'alertmanager',
      hash: contentHash(`demo-${i}`),
    };
  });
  await commitItems(ctx, [{ kind: 'alerts', target: { integrationId: first.id }, alerts: storm }]);
}
