import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { IntegrationWithKey } from '@firebreak/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../harness.js';
import { alertsOf, createWorld, groupsOf, pagesOf, type World } from './helpers.js';

// A real peer: Debian's prometheus-alertmanager, sending to Firebreak over loopback through both a
// webhook_config and a pagerduty_configs receiver. Skipped (visibly) where the binary is missing,
// except on CI, where a missing binary fails the run.

const BINARY = '/usr/bin/prometheus-alertmanager';
const present = existsSync(BINARY);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Polls (real time: Alertmanager runs on its own clock) until `check` passes or the time is up. */
async function eventually(check: () => Promise<void>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

if (!present) {
  if (process.env.CI === 'true') {
    describe('alerts: real Alertmanager peer', () => {
      it('needs prometheus-alertmanager', () => {
        throw new Error(`${BINARY} is missing (apt-get install prometheus-alertmanager); CI=true requires it`);
      });
    });
  } else {
    describe.skip(`alerts: real Alertmanager peer — SKIPPED: ${BINARY} not installed`, () => {
      it('skipped', () => {});
    });
  }
} else {
  describeEachDialect('alerts: real Alertmanager peer', (dialect) => {
    let w: World;
    let am: ChildProcess;
    let amUrl: string;
    let dir: string;
    let serviceId: string;
    let webhook: IntegrationWithKey;
    let pagerduty: IntegrationWithKey;

    beforeAll(async () => {
      w = await createWorld(dialect);
      serviceId = (await w.pagedService()).serviceId;
      webhook = await w.integration({ serviceId, name: 'Alertmanager webhook', kind: 'alertmanager' });
      pagerduty = await w.integration({ serviceId, name: 'Alertmanager PagerDuty', kind: 'events_api' });
      const base = await w.app.listen({ port: 0, host: '127.0.0.1' });
      const path_ = (u: string) => new URL(u).pathname;
      dir = mkdtempSync(path.join(tmpdir(), 'firebreak-am-'));
      const port = await freePort();
      amUrl = `http://127.0.0.1:${port}`;
      writeFileSync(
        path.join(dir, 'alertmanager.yml'),
        [
          'global:',
          '  resolve_timeout: 5s',
          'route:',
          '  receiver: firebreak',
          "  group_by: ['alertname']",
          '  group_wait: 500ms',
          '  group_interval: 1s',
          '  repeat_interval: 1h',
          'receivers:',
          '  - name: firebreak',
          '    webhook_configs:',
          `      - url: ${base}${path_(webhook.url)}`,
          '        send_resolved: true',
          '    pagerduty_configs:',
          `      - routing_key: ${pagerduty.routingKey}`,
          `        url: ${base}/v2/enqueue`,
          '        send_resolved: true',
          '',
        ].join('\n'),
      );
      am = spawn(
        BINARY,
        [
          `--config.file=${path.join(dir, 'alertmanager.yml')}`,
          `--storage.path=${dir}`,
          '--cluster.listen-address=',
          `--web.listen-address=127.0.0.1:${port}`,
          `--web.external-url=${amUrl}`,
          '--log.level=warn',
        ],
        { stdio: 'ignore' },
      );
      await eventually(async () => {
        expect((await fetch(`${amUrl}/-/ready`)).ok).toBe(true);
      });
    }, 60_000);

    afterAll(async () => {
      am?.kill('SIGTERM');
      if (am && am.exitCode === null) await new Promise((resolve) => am.once('exit', resolve));
      await w?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    const postAlerts = async (endsAt: string) => {
      const res = await fetch(`${amUrl}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(
          ['db-1', 'db-2', 'db-3'].map((instance) => ({
            labels: { alertname: 'DiskFull', instance, severity: 'critical' },
            annotations: { summary: `Disk 95% full on ${instance}` },
            startsAt: new Date(Date.now() - 60_000).toISOString(),
            endsAt,
            generatorURL: 'http://prometheus.local/graph',
          })),
        ),
      });
      expect(res.status).toBe(200);
    };

    it('receives, dedups, groups and resolves what Alertmanager sends', { timeout: 60_000 }, async () => {
      await postAlerts(new Date(Date.now() + 3_600_000).toISOString());
      await eventually(async () => {
        const alerts = await alertsOf(w, webhook.id);
        expect(alerts.map((a) => JSON.parse(a.labels!).instance).sort()).toEqual(['db-1', 'db-2', 'db-3']);
        expect(await alertsOf(w, pagerduty.id)).toHaveLength(1);
      });
      // The same alerts again: Alertmanager and Firebreak both dedup them.
      await postAlerts(new Date(Date.now() + 3_600_000).toISOString());
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(await alertsOf(w, webhook.id)).toHaveLength(3);
      const [pd] = await alertsOf(w, pagerduty.id);
      expect(pd).toMatchObject({ status: 'triggered', severity: 'error', client: 'Alertmanager' });
      expect(pd!.dedup_key).toMatch(/^[0-9a-f]{64}$/); // sha256 of Alertmanager's group key
      const webhookAlerts = await alertsOf(w, webhook.id);
      expect(new Set(webhookAlerts.map((a) => a.group_id)).size).toBe(1);
      const group = (await groupsOf(w, serviceId)).find((g) => g.id === webhookAlerts[0]!.group_id)!;
      expect(group.group_key).toBe('alertmanager:{}:{alertname="DiskFull"}');
      await w.run();
      expect((await pagesOf(w, serviceId)).length).toBeGreaterThanOrEqual(1);

      await postAlerts(new Date(Date.now() - 1_000).toISOString());
      await eventually(async () => {
        expect((await alertsOf(w, webhook.id)).map((a) => a.status)).toEqual(['resolved', 'resolved', 'resolved']);
        expect((await alertsOf(w, pagerduty.id))[0]!.status).toBe('resolved');
      });
      await w.run();
      expect((await groupsOf(w, serviceId)).every((g) => g.status === 'resolved')).toBe(true);
      expect((await pagesOf(w, serviceId)).every((p) => p.status === 'resolved')).toBe(true);
    });
  });
}
