import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPage } from '../../src/domains/paging/index.js';
import { describeEachDialect } from '../harness.js';
import { createWorld, person, startRecorder, type World } from './helpers.js';

// The acknowledge and resolve links in notifications: signed, expiring, single-use, no sign-in.

describeEachDialect('paging: signed action links', (dialect) => {
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

  /** Pages a new person through a webhook and answers the links their notification carried. */
  async function pageWithLinks(name: string) {
    const p = await person(w, name, [{ kind: 'webhook', address: `${hook.url}/${name}` }]);
    const { id: pageId } = await createPage(
      w.t,
      { userIds: [p.id], summary: `Links for ${name}`, urgency: 'high' },
      'system',
    );
    await w.run();
    const body = JSON.parse(hook.requests.find((r) => r.path === `/${name}`)!.body);
    const path = (url: string) => new URL(url).pathname;
    return { person: p, pageId, ack: path(body.links.acknowledge), resolve: path(body.links.resolve) };
  }
  const statusOf = async (pageId: string) =>
    (await w.t.db.selectFrom('pages').select('status').where('id', '=', pageId).executeTakeFirstOrThrow()).status;

  it('GET shows a confirmation page and changes nothing; POST acts as the recipient, once', async () => {
    const { person: p, pageId, ack, resolve } = await pageWithLinks('ivy');
    const view = await w.app.inject({ method: 'GET', url: ack });
    expect(view.statusCode).toBe(200);
    expect(view.headers['content-type']).toContain('text/html');
    expect(view.body).toContain('Acknowledge page?');
    expect(view.body).toContain('Links for ivy');
    expect(await statusOf(pageId)).toBe('triggered');

    const act = await w.app.inject({
      method: 'POST',
      url: ack,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(act.statusCode, act.body).toBe(200);
    expect(act.body).toContain('Page acknowledged');
    const page = await w.t.db.selectFrom('pages').selectAll().where('id', '=', pageId).executeTakeFirstOrThrow();
    expect([page.status, page.acknowledged_by]).toEqual(['acknowledged', p.id]);

    const again = await w.app.inject({ method: 'POST', url: ack });
    expect(again.statusCode).toBe(403);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.json().code).toBe('link_already_used');
    expect((await w.app.inject({ method: 'GET', url: ack })).statusCode).toBe(403);

    // The resolve link is a different link: it still works (JSON for API clients such as ntfy's buttons).
    const done = await w.app.inject({ method: 'POST', url: resolve, headers: { accept: 'application/json' } });
    expect(done.json()).toEqual({ pageId, action: 'resolve', status: 'resolved' });
  });

  it('a forged link is refused and changes nothing', async () => {
    const { pageId, ack } = await pageWithLinks('jon');
    const other = await pageWithLinks('kim');
    const [payload, signature] = ack.slice('/p/'.length).split('.');
    const flipped = signature!.slice(0, -1) + (signature!.endsWith('A') ? 'B' : 'A');
    const [otherPayload] = other.ack.slice('/p/'.length).split('.');
    for (const token of [
      `${payload}.${flipped}`,
      `${otherPayload}.${signature}`,
      payload!,
      'nonsense',
      `${payload}.${signature}.x`,
    ]) {
      const res = await w.app.inject({ method: 'POST', url: `/p/${token}` });
      expect(res.statusCode, token).toBe(403);
      expect(res.json().code).toBe('link_invalid');
    }
    expect(await statusOf(pageId)).toBe('triggered');
    expect(await statusOf(other.pageId)).toBe('triggered');
  });

  it('an expired link is refused and changes nothing', async () => {
    const { pageId, resolve } = await pageWithLinks('lea');
    await w.t.clock.advance(24 * 60 * 60_000 + 1);
    const res = await w.app.inject({ method: 'POST', url: resolve });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('link_expired');
    expect(await statusOf(pageId)).toBe('triggered');
    const used = await w.t.db.selectFrom('page_link_uses').select('link_id').where('page_id', '=', pageId).execute();
    expect(used).toEqual([]);
  });

  it('a link to a resolved page answers a conflict and stays unused', async () => {
    const { pageId, ack } = await pageWithLinks('max');
    await w.call('POST', `/api/v1/pages/${pageId}/resolve`);
    const res = await w.app.inject({ method: 'POST', url: ack });
    expect(res.statusCode).toBe(409);
    const used = await w.t.db.selectFrom('page_link_uses').select('link_id').where('page_id', '=', pageId).execute();
    expect(used).toEqual([]);
  });
});
