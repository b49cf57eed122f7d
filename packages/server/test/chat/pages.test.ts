import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSlackChannel } from '../../src/domains/chat/slack.channel.js';
import { DeliveryError, type Message } from '../../src/domains/paging/channels/index.js';
import { createPage } from '../../src/domains/paging/commands/create-page.js';
import { resolvePage } from '../../src/domains/paging/commands/resolve-page.js';
import { channelDeps } from '../../src/domains/paging/delivery.jobs.js';
import { buildUser } from '../factories.js';
import { describeEachDialect } from '../harness.js';
import { type ChatWorld, createChatWorld } from './helpers.js';

describeEachDialect('chat pages (Slack DMs with buttons)', (dialect) => {
  let w: ChatWorld;
  beforeAll(async () => {
    w = await createChatWorld(dialect);
  });
  afterAll(() => w.close());

  const deps = () => ({ ...channelDeps(w.t, w.t.clock.now()), timeoutMs: 5_000 });

  async function pageFor(userId: string, summary: string) {
    const { id } = await createPage(
      w.t,
      { userIds: [userId], summary, details: 'p99 > 2 s', urgency: 'high' },
      'system',
    );
    const message: Message = {
      kind: 'page',
      subject: `[Firebreak] HIGH: ${summary}`,
      text: summary,
      urgency: 'high',
      page: { id, summary, details: 'p99 > 2 s', status: 'triggered', url: `http://x/pages/${id}` },
      recipient: { id: userId, name: 'n' },
      links: { acknowledge: 'http://x/p/a', resolve: 'http://x/p/r' },
    };
    return { id, message };
  }

  const press = (slackId: string, actionId: string, pageId: string) =>
    w.interact({
      type: 'block_actions',
      team: { id: 'T0FIREBRK' },
      user: { id: slackId },
      response_url: w.fake.hookUrl(`respond-${slackId}`).replace('/hooks/', '/respond/'),
      container: { channel_id: 'D0DM', message_ts: '1767603600.000100' },
      actions: [{ action_id: actionId, value: pageId }],
    });

  it('sends a direct message with Acknowledge and Escalate buttons to a Slack user id address', async () => {
    const user = await buildUser(w.t);
    const { id, message } = await pageFor(user.id, 'API latency high');
    const channel = createSlackChannel(w.t);
    const result = await channel.send(
      { notificationId: 'n1', contactMethodId: null, address: 'UPAGED1', message },
      deps(),
    );
    expect(result.providerId).toMatch(/^\d+\.\d+$/);
    const dm = w.fake.callsOf('chat.postMessage').find((c) => c.args.channel === 'UPAGED1')!;
    expect(dm.args.text).toBe('[Firebreak] HIGH: API latency high');
    const buttons = dm.args.blocks[1].elements;
    expect(buttons.slice(0, 2)).toMatchObject([
      { action_id: 'page_acknowledge', value: id },
      { action_id: 'page_escalate', value: id },
    ]);
    expect(w.fake.violations).toEqual([]);
  });

  it('turns a 429 into a temporary delivery failure carrying Retry-After, and sends URLs to the webhook channel', async () => {
    const user = await buildUser(w.t);
    const { message } = await pageFor(user.id, 'Disk full');
    const channel = createSlackChannel(w.t);
    w.fake.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const err = await channel
      .send({ notificationId: 'n2', contactMethodId: null, address: 'slack:UPAGED2', message }, deps())
      .catch((e) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ kind: 'temporary', options: { retryAfterMs: 7000 } });

    await channel.send(
      { notificationId: 'n3', contactMethodId: null, address: `${w.fake.hookUrl('team')}#mattermost`, message },
      deps(),
    );
    expect(w.fake.hooks.at(-1)).toMatchObject({ path: '/hooks/team', body: { username: 'Firebreak' } });
  });

  it('acknowledges as the linked person who pressed, and refuses someone not linked', async () => {
    const responder = await w.linkedPerson('UACK');
    const { id } = await pageFor(responder.id, 'Payments failing');

    expect((await press('UNOBODY', 'page_acknowledge', id)).statusCode).toBe(200);
    await w.drain();
    const stranger = w.fake.hooks.find((h) => h.path === '/respond/respond-UNOBODY');
    expect(stranger?.body.text).toContain('/inc link');
    let page = await w.t.db.selectFrom('pages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(page.status).toBe('triggered');

    expect((await press('UACK', 'page_acknowledge', id)).statusCode).toBe(200);
    await w.drain();
    page = await w.t.db.selectFrom('pages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(page.status).toBe('acknowledged');
    expect(page.acknowledged_by).toBe(responder.id);
    const replaced = w.fake.callsOf('chat.update').find((c) => c.args.channel === 'D0DM')!;
    expect(replaced.args.text).toBe(`Acknowledged by ${responder.name}: Payments failing`);
  });

  it('explains in chat why a button could not act (the page was resolved meanwhile)', async () => {
    const responder = await w.linkedPerson('UESC');
    const { id } = await pageFor(responder.id, 'Cache cold');
    await resolvePage(w.t, id, 'system');
    await press('UESC', 'page_escalate', id);
    await w.drain();
    const answer = w.fake.hooks.filter((h) => h.path === '/respond/respond-UESC').at(-1);
    expect(answer?.body).toMatchObject({
      response_type: 'ephemeral',
      text: ':warning: This page is already resolved.',
    });
  });

  it('rejects a button press with a bad signature: 401 and nothing happens', async () => {
    const responder = await w.linkedPerson('UBAD');
    const { id } = await pageFor(responder.id, 'Forged press');
    const body = new URLSearchParams({
      payload: JSON.stringify({
        type: 'block_actions',
        user: { id: 'UBAD' },
        actions: [{ action_id: 'page_acknowledge', value: id }],
      }),
    }).toString();
    const res = await w.signed('/integrations/slack/interactions', body, 'application/x-www-form-urlencoded', {
      secret: 'wrong',
    });
    expect(res.statusCode).toBe(401);
    const page = await w.t.db.selectFrom('pages').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    expect(page.status).toBe('triggered');
  });
});
