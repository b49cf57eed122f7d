import { type ApiClient, createClient } from '@firebreak/shared';
import { Command } from 'commander';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { buildUser, tokenFor } from '../factories.js';
import { describeEachDialect } from '../harness.js';
import { alertsOf, createWorld, groupsOf, pagesOf, trigger, type World } from './helpers.js';

// The CLI package lies outside this package's TypeScript root: its source is loaded at run time.
type Register = (program: Command, api: () => ApiClient) => void;
const CLI_COMMANDS = new URL('../../../cli/src/commands/alerts.ts', import.meta.url).pathname;

describeEachDialect('alerts: REST API and CLI', (dialect) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(dialect);
  });
  afterAll(() => w.close());

  it('manages integrations: the key is shown once, can be rotated, and a test event goes through', async () => {
    const { serviceId } = await w.pagedService();
    const created = await w.integration({ serviceId, name: 'Prometheus', kind: 'alertmanager', graceSeconds: 30 });
    const got = (await w.call('GET', `/api/v1/integrations/${created.id}`)).json();
    expect(got).not.toHaveProperty('routingKey');
    expect(got.keyHint).toBe(created.routingKey.slice(-4));
    expect(got.endpointUrl).toBe(`${w.t.config.publicUrl}/integrations/alertmanager/…${got.keyHint}`);
    const row = await w.t.db
      .selectFrom('alert_integrations')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(created.routingKey);

    const listed = (await w.call('GET', `/api/v1/integrations?serviceId=${serviceId}`)).json();
    expect(listed.items.map((i: { id: string }) => i.id)).toEqual([created.id]);
    const patched = await w.call('PATCH', `/api/v1/integrations/${created.id}`, {
      graceSeconds: 0,
      groupBy: ['labels.cluster'],
    });
    expect(patched.json()).toMatchObject({ graceSeconds: 0, groupBy: ['labels.cluster'] });
    const badGroup = await w.call('PATCH', `/api/v1/integrations/${created.id}`, { groupBy: ['colour'] });
    expect(badGroup.statusCode).toBe(400);
    const webhookWithoutMapping = await w.call('POST', '/api/v1/integrations', {
      serviceId,
      name: 'hook',
      kind: 'webhook',
    });
    expect(webhookWithoutMapping.statusCode).toBe(400);

    const rotated = (await w.call('POST', `/api/v1/integrations/${created.id}/rotate-key`)).json();
    expect(rotated.routingKey).not.toBe(created.routingKey);
    const old = await w.post(new URL(created.url).pathname, { version: '4', alerts: [] });
    expect(old.statusCode).toBe(404);
    expect((await w.post(new URL(rotated.url).pathname, { version: '4', alerts: [] })).statusCode).toBe(202);

    const test = await w.call('POST', `/api/v1/integrations/${created.id}/test`, { severity: 'warning' });
    expect(test.statusCode, test.body).toBe(202);
    const alert = (await w.call('GET', `/api/v1/alerts/${test.json().alertId}`)).json();
    expect(alert).toMatchObject({ dedupKey: test.json().dedupKey, format: 'test', severity: 'warning' });
    expect(alert.summary).toContain(`sent by ${w.admin.name}`);
    expect(alert.events).toHaveLength(1);

    const responder = await buildUser(w.t, { role: 'responder' });
    const forbidden = await w.call(
      'DELETE',
      `/api/v1/integrations/${created.id}`,
      undefined,
      await tokenFor(w.t, responder),
    );
    expect(forbidden.statusCode).toBe(403);
    expect((await w.call('DELETE', `/api/v1/integrations/${created.id}`)).statusCode).toBe(204);
    expect((await w.call('GET', `/api/v1/integrations/${created.id}`)).statusCode).toBe(404);
  });

  it('acknowledges and resolves alerts and groups, one and in bulk; pages and groups follow each other', async () => {
    const { serviceId } = await w.pagedService();
    const integration = await w.integration({ serviceId, name: 'api', kind: 'events_api', groupWindowSeconds: 0 });
    for (const key of ['k1', 'k2', 'k3']) await w.post('/v2/enqueue', trigger(integration.routingKey, key));
    await w.run();
    const [a1, a2, a3] = await alertsOf(w, integration.id);
    const viewer = await buildUser(w.t, { role: 'viewer' });
    const viewerToken = await tokenFor(w.t, viewer, 'read');
    expect((await w.call('GET', '/api/v1/alerts?status=open', undefined, viewerToken)).statusCode).toBe(200);
    const denied = await w.call('POST', `/api/v1/alerts/${a1!.id}/ack`, undefined, viewerToken);
    expect(denied.statusCode).toBe(403);

    const acked = await w.call('POST', `/api/v1/alerts/${a1!.id}/ack`);
    expect(acked.json()).toMatchObject({ id: a1!.id, status: 'acknowledged' });
    const bulk = await w.call('POST', '/api/v1/alerts/resolve', { ids: [a1!.id, a2!.id] });
    expect(bulk.json()).toEqual({ changed: [a1!.id, a2!.id], unchanged: [] });
    await w.run();
    const groups = await groupsOf(w, serviceId);
    expect(groups.map((g) => g.status)).toEqual(['resolved', 'resolved', 'triggered']);
    // Pages are created by concurrent jobs: match them to their groups by id, not by creation order.
    const pageStatuses = async () => {
      const pages = await pagesOf(w, serviceId);
      return (await groupsOf(w, serviceId)).map((g) => pages.find((p) => p.id === g.page_id)?.status);
    };
    expect(await pageStatuses()).toEqual(['resolved', 'resolved', 'triggered']);

    // Someone acknowledges the page itself (from a notification): the group and its alert follow.
    const third = { id: groups[2]!.page_id! };
    expect((await w.call('POST', `/api/v1/pages/${third.id}/ack`)).statusCode).toBe(200);
    await w.run();
    expect((await groupsOf(w, serviceId))[2]).toMatchObject({ status: 'acknowledged', acknowledged_by: w.admin.id });
    expect((await alertsOf(w, integration.id))[2]!.status).toBe('acknowledged');
    const group = (await w.call('GET', `/api/v1/alert-groups/${groups[2]!.id}`)).json();
    expect(group.acknowledgedBy).toEqual({ id: w.admin.id, name: w.admin.name });
    expect(group.alerts.map((a: { id: string }) => a.id)).toEqual([a3!.id]);

    const resolvedGroups = await w.call('POST', '/api/v1/alert-groups/resolve', { ids: groups.map((g) => g.id) });
    expect(resolvedGroups.json()).toEqual({ changed: [groups[2]!.id], unchanged: [groups[0]!.id, groups[1]!.id] });
    await w.run();
    expect((await pageStatuses())[2]).toBe('resolved');
    const open = (await w.call('GET', `/api/v1/alerts?status=open&integrationId=${integration.id}`)).json();
    expect(open.items).toHaveLength(0);
    const missing = await w.call('POST', '/api/v1/alert-groups/ack', { ids: ['nope'] });
    expect(missing.statusCode).toBe(404);
  });

  it('pages through lists newest first', async () => {
    const integration = await w.integration({ name: 'paging', kind: 'events_api' });
    for (const key of ['p1', 'p2', 'p3']) await w.post('/v2/enqueue', trigger(integration.routingKey, key));
    const first = (await w.call('GET', `/api/v1/alerts?integrationId=${integration.id}&limit=2`)).json();
    expect(first.items.map((a: { dedupKey: string }) => a.dedupKey)).toEqual(['p3', 'p2']);
    const second = (
      await w.call('GET', `/api/v1/alerts?integrationId=${integration.id}&limit=2&cursor=${first.nextCursor}`)
    ).json();
    expect(second.items.map((a: { dedupKey: string }) => a.dedupKey)).toEqual(['p1']);
    expect(second.nextCursor).toBeNull();
  });

  it('works from the CLI: alerts send, list, ack and resolve', async () => {
    const integration = await w.integration({ name: 'cli', kind: 'events_api', groupWindowSeconds: 0 });
    const baseUrl = await w.app.listen({ port: 0, host: '127.0.0.1' });
    const { registerAlertCommands } = (await import(CLI_COMMANDS)) as { registerAlertCommands: Register };
    const run = async (...args: string[]) => {
      const program = new Command('firebreak').exitOverride();
      registerAlertCommands(program, () => createClient({ baseUrl, token: w.token }));
      const out: string[] = [];
      const err: string[] = [];
      const spyOut = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
        out.push(String(chunk));
        return true;
      });
      const spyErr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
        err.push(String(chunk));
        return true;
      });
      vi.stubEnv('FIREBREAK_URL', baseUrl);
      try {
        await program.parseAsync(['node', 'firebreak', ...args]);
      } finally {
        spyOut.mockRestore();
        spyErr.mockRestore();
        vi.unstubAllEnvs();
      }
      return { out: out.join(''), err: err.join('') };
    };
    const sent = await run(
      'alerts',
      'send',
      '--routing-key',
      integration.routingKey,
      '--summary',
      'Queue backlog above 10k',
      '--severity',
      'warning',
      '--dedup-key',
      'backlog',
    );
    expect(sent.out).toBe('Event processed (dedup key backlog)\n');
    const refused = await run('alerts', 'send', '--routing-key', 'short', '--summary', 'x');
    expect(refused.err).toContain("Length of 'routing_key' is incorrect (should be 32 characters)");
    process.exitCode = 0;

    const listed = await run('alerts', 'list', '--json');
    const mine = (JSON.parse(listed.out) as { dedupKey: string; id: string }[]).find((a) => a.dedupKey === 'backlog')!;
    expect(mine).toBeDefined();
    expect((await run('alerts', 'list')).out).toContain('Queue backlog above 10k');
    expect((await run('alerts', 'ack', mine.id)).out).toBe('Acknowledged 1 alert.\n');
    expect((await run('alerts', 'ack', mine.id)).out).toContain(`Already so: ${mine.id}`);
    const groupId = (await alertsOf(w, integration.id))[0]!.group_id;
    expect((await run('alerts', 'list', '--groups', '--status', 'acknowledged')).out).toContain(groupId);
    expect((await run('alerts', 'resolve', '--group', groupId)).out).toBe('Resolved 1 group.\n');
    expect((await alertsOf(w, integration.id))[0]!.status).toBe('resolved');
  });
});
