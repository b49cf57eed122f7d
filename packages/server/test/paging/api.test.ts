import type { AddressInfo } from 'node:net';
import { Command } from 'commander';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createPage } from '../../src/domains/paging/index.js';
import { describeEachDialect } from '../harness.js';
import { createWorld, person, startRecorder, type World } from './helpers.js';

// The CLI package is outside this package's sources: load it at run time (vitest runs its TypeScript).
const CLI = '../../../cli/src';

describeEachDialect('paging: API, readiness and CLI', (dialect) => {
  let w: World;
  let hook: Awaited<ReturnType<typeof startRecorder>>;
  beforeAll(async () => {
    w = await createWorld(dialect);
    hook = await startRecorder();
  });
  afterAll(async () => {
    await hook.close();
    await w.close();
  });

  it('lists my pages or all, and shows the escalation history', async () => {
    const a = await person(w, 'Ada', [{ kind: 'webhook', address: `${hook.url}/ada` }]);
    const b = await person(w, 'Bea', [{ kind: 'webhook', address: `${hook.url}/bea` }]);
    const { id: forA } = await createPage(w.t, { userIds: [a.id], summary: 'For Ada', urgency: 'high' }, 'system');
    const { id: forB } = await createPage(w.t, { userIds: [b.id], summary: 'For Bea', urgency: 'low' }, 'system');
    await w.run();
    const mine = (await w.call('GET', '/api/v1/pages', undefined, a.token)).json();
    expect(mine.items.map((p: any) => p.id)).toEqual([forA]);
    const all = (await w.call('GET', '/api/v1/pages?scope=all&status=open', undefined, a.token)).json();
    expect(all.items.map((p: any) => p.id)).toEqual([forB, forA]);
    const paged = (await w.call('GET', '/api/v1/pages?scope=all&limit=1', undefined, a.token)).json();
    expect(paged.items).toHaveLength(1);
    const next = (
      await w.call('GET', `/api/v1/pages?scope=all&limit=1&cursor=${paged.nextCursor}`, undefined, a.token)
    ).json();
    expect(next.items[0].id).toBe(forA);

    const detail = (await w.call('GET', `/api/v1/pages/${forA}`, undefined, b.token)).json();
    expect(detail).toMatchObject({ id: forA, status: 'triggered', source: 'manual', currentStep: 0 });
    expect(detail.steps[0]).toMatchObject({ step: 0, levelName: 'Paged directly', users: [{ id: a.id, name: 'Ada' }] });
    expect(detail.log.map((l: any) => l.kind)).toEqual(['triggered', 'step']);
  });

  it('readiness lists people on call in the next 14 days without a verified high-urgency method', async () => {
    const verified = await person(w, 'Verified', [{ kind: 'webhook', address: `${hook.url}/verified` }]);
    const unverified = await person(w, 'Unverified', [{ kind: 'webhook', address: `${hook.url}/unverified` }]);
    const nothing = await person(w, 'Nothing');
    const offCall = await person(w, 'Off call');
    const schedule = await w.call('POST', '/api/v1/schedules', {
      name: `Primary ${dialect}`,
      layers: [
        {
          participants: [verified.id, unverified.id, nothing.id],
          rotation: { unit: 'day', every: 1 },
          handoffTime: '09:00',
          timeZone: 'UTC',
          startDate: '2026-01-05',
        },
      ],
    });
    expect(schedule.statusCode, schedule.body).toBe(201);
    await w.call('POST', `/api/v1/me/contact-methods/${verified.methodIds[0]}/test`, {}, verified.token);
    await w.run();

    const res = await w.call('GET', '/api/v1/paging/readiness', undefined, offCall.token);
    expect(res.statusCode, res.body).toBe(200);
    const names = res.json().items.map((i: any) => i.user.name);
    expect(names).toContain('Unverified');
    expect(names).toContain('Nothing');
    expect(names).not.toContain('Verified');
    expect(names).not.toContain('Off call');
    expect(res.json().items.find((i: any) => i.user.name === 'Nothing').reason).toBe('has no contact method');

    // A test that was not delivered (nothing listens there) does not verify.
    const broken = await person(w, 'Broken', [{ kind: 'webhook', address: `${hook.url.replace(/\d+$/, '1')}/nope` }]);
    await w.call('POST', `/api/v1/me/contact-methods/${broken.methodIds[0]}/test`, {}, broken.token);
    await w.run();
    const row = await w.t.db
      .selectFrom('contact_method_verifications')
      .select('contact_method_id')
      .where('contact_method_id', '=', broken.methodIds[0]!)
      .executeTakeFirst();
    expect(row).toBeUndefined();
    // Someone else's contact method cannot be tested by me.
    expect(
      (await w.call('POST', `/api/v1/me/contact-methods/${verified.methodIds[0]}/test`, {}, broken.token)).statusCode,
    ).toBe(404);
  });

  it('the CLI pages, acknowledges and resolves through the API', async () => {
    await w.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(w.app.server.address() as AddressInfo).port}`;
    const cy = await person(w, 'Cy', [{ kind: 'webhook', address: `${hook.url}/cy` }]);
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    const { registerPagingCommands } = await import(`${CLI}/commands/paging.js`);
    const { addConnectionOptions, apiFor } = await import(`${CLI}/remote.js`);
    const cli = async (...args: string[]) => {
      const program = new Command('firebreak').exitOverride();
      addConnectionOptions(program);
      registerPagingCommands(program, apiFor(program, {}));
      out.length = 0;
      await program.parseAsync(['--url', url, '--token', cy.token, ...args], { from: 'user' });
      return out.join('');
    };
    try {
      const paged = await cli('page', 'Printer on fire', '--user', cy.id, '--details', 'third floor');
      const pageId = /Paged: (\S+)/.exec(paged)![1]!;
      expect(await cli('ack', pageId)).toBe('Acknowledged: Printer on fire\n');
      expect(await cli('pages', 'list')).toContain(pageId);
      expect(await cli('pages', 'resolve', pageId)).toBe('Resolved: Printer on fire\n');
      const page = await w.t.db.selectFrom('pages').selectAll().where('id', '=', pageId).executeTakeFirstOrThrow();
      expect([page.status, page.acknowledged_by, page.resolved_by, page.details]).toEqual([
        'resolved',
        cy.id,
        cy.id,
        'third floor',
      ]);
    } finally {
      spy.mockRestore();
    }
  });
});
