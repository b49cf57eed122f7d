import { afterAll, beforeAll, expect, it } from 'vitest';
import { declareIncident } from '../../src/domains/incidents/commands/declare-incident.js';
import { postStatusUpdate } from '../../src/domains/incidents/commands/post-status-update.js';
import { bearer, buildUser, tokenFor } from '../factories.js';
import { describeEachDialect } from '../harness.js';
import { type ChatWorld, createChatWorld, SIGNING_SECRET } from './helpers.js';

const FORM = 'application/x-www-form-urlencoded';

// Slack's documented example request (docs: "Verifying requests from Slack").
const DOC = {
  secret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestamp: '1531420618',
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
  body: 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
};

describeEachDialect('chat inbound requests, admin API and account links', (dialect) => {
  let w: ChatWorld;
  beforeAll(async () => {
    w = await createChatWorld(dialect);
  });
  afterAll(() => w.close());

  const countJobs = async () =>
    Number(
      (
        await w.t.db
          .selectFrom('jobs')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('never returns workspace secrets, stores them encrypted, and is for admins only', async () => {
    const list = await w.app.inject({ method: 'GET', url: '/api/v1/chat/workspaces', headers: bearer(w.adminToken) });
    expect(list.statusCode).toBe(200);
    expect(list.json().items[0]).toMatchObject({
      teamId: 'T0FIREBRK',
      hasBotToken: true,
      hasSigningSecret: true,
      hasVerificationToken: false,
    });
    expect(list.body).not.toContain(SIGNING_SECRET);
    expect(list.body).not.toContain(w.fake.botToken);
    const row = await w.t.db
      .selectFrom('chat_workspaces')
      .selectAll()
      .where('id', '=', w.workspaceId)
      .executeTakeFirstOrThrow();
    expect(row.bot_token).not.toContain('xoxb');
    expect(row.signing_secret).not.toContain(SIGNING_SECRET);

    const responder = await buildUser(w.t);
    const res = await w.app.inject({
      method: 'GET',
      url: '/api/v1/chat/workspaces',
      headers: bearer(await tokenFor(w.t, responder, 'write')),
    });
    expect(res.statusCode).toBe(403);
  });

  it('verifies Slack’s documented example request over HTTP (raw body, constant-time, at its time)', async () => {
    const connect = await w.app.inject({
      method: 'POST',
      url: '/api/v1/chat/workspaces',
      headers: bearer(w.adminToken),
      payload: { teamId: 'T1DC2JH3J', name: 'testteamnow', signingSecret: DOC.secret },
    });
    expect(connect.statusCode).toBe(201);
    const now = w.t.clock.now();
    await w.t.clock.set(Number(DOC.timestamp) * 1000 + 30_000);
    try {
      const res = await w.app.inject({
        method: 'POST',
        url: '/integrations/slack/commands',
        payload: DOC.body,
        headers: {
          'content-type': FORM,
          'x-slack-request-timestamp': DOC.timestamp,
          'x-slack-signature': DOC.signature,
        },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('/inc declare') });
      await w.t.clock.set(Number(DOC.timestamp) * 1000 + 6 * 60_000);
      const replay = await w.app.inject({
        method: 'POST',
        url: '/integrations/slack/commands',
        payload: DOC.body,
        headers: {
          'content-type': FORM,
          'x-slack-request-timestamp': DOC.timestamp,
          'x-slack-signature': DOC.signature,
        },
      });
      expect(replay.statusCode).toBe(401);
    } finally {
      await w.t.clock.set(now);
      await w.app.inject({
        method: 'DELETE',
        url: `/api/v1/chat/workspaces/${connect.json().id}`,
        headers: bearer(w.adminToken),
      });
    }
  });

  it('answers a bad, missing or old signature with 401 and does nothing', async () => {
    const user = await w.linkedPerson('USIG');
    const title = `Forged ${Date.now()}`;
    const body = new URLSearchParams({
      team_id: 'T0FIREBRK',
      user_id: 'USIG',
      text: `declare sev2 ${title}`,
    }).toString();
    const jobs = await countJobs();
    const bad = await w.signed('/integrations/slack/commands', body, FORM, { secret: 'not-the-secret' });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().code).toBe('chat_signature_invalid');
    const old = await w.signed('/integrations/slack/commands', body, FORM, { at: w.t.clock.now() - 6 * 60_000 });
    expect(old.statusCode).toBe(401);
    const unsigned = await w.app.inject({
      method: 'POST',
      url: '/integrations/slack/commands',
      payload: body,
      headers: { 'content-type': FORM },
    });
    expect(unsigned.statusCode).toBe(401);
    const event = await w.signed(
      '/integrations/slack/events',
      JSON.stringify({ type: 'url_verification', challenge: 'c' }),
      'application/json',
      { secret: 'x' },
    );
    expect(event.statusCode).toBe(401);
    const incidents = await w.t.db.selectFrom('incidents').select('id').where('title', '=', title).execute();
    expect(incidents).toEqual([]);
    expect(await countJobs()).toBe(jobs);
    expect(user.id).toBeTruthy();
  });

  it('answers the Events API url_verification challenge', async () => {
    const res = await w.event({
      token: 'legacy',
      challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
      type: 'url_verification',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
  });

  it('tells a chat user without a linked account how to link, instead of acting or failing', async () => {
    const owner = await buildUser(w.t);
    const { incident } = await declareIncident(
      w.t,
      { userId: owner.id, name: owner.name, role: 'responder' },
      { title: 'Unlinked try', severity: 'sev3' },
    );
    const res = await w.slash('USTRANGER', `${incident.number} note hello`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('Run `/inc link`') });
    const notes = await w.t.db
      .selectFrom('timeline_entries')
      .select('id')
      .where('incident_id', '=', incident.id)
      .where('kind', '=', 'note')
      .execute();
    expect(notes).toEqual([]);
  });

  it('links a chat user through the one-time URL of `/inc link`, once', async () => {
    const res = await w.slash('UNEWBIE', 'link');
    const url = /(http\S+)/.exec(res.json().text)?.[1];
    expect(url).toContain('/integrations/slack/link?token=');
    const path = new URL(url!).pathname + new URL(url!).search;
    const token = new URL(url!).searchParams.get('token')!;

    const signedOut = await w.app.inject({ method: 'GET', url: path });
    expect(signedOut.statusCode).toBe(200);
    expect(signedOut.body).toContain('Sign in first');

    const person = await buildUser(w.t, { name: 'Newbie Responder' });
    const personToken = await tokenFor(w.t, person, 'write');
    const confirm = await w.app.inject({ method: 'GET', url: path, headers: bearer(personToken) });
    expect(confirm.body).toContain('<strong>unewbie</strong> will act in chat as <strong>Newbie Responder</strong>');

    const linked = await w.app.inject({
      method: 'POST',
      url: '/api/v1/chat/links',
      headers: bearer(personToken),
      payload: { token },
    });
    expect(linked.statusCode).toBe(201);
    expect(linked.json()).toMatchObject({ chatUserId: 'UNEWBIE', userId: person.id });
    const again = await w.app.inject({
      method: 'POST',
      url: '/api/v1/chat/links',
      headers: bearer(personToken),
      payload: { token },
    });
    expect(again.statusCode).toBe(403);

    const { incident } = await declareIncident(
      w.t,
      { userId: person.id, name: person.name, role: 'responder' },
      { title: 'Linked try', severity: 'sev3' },
    );
    const note = await w.slash('UNEWBIE', `${incident.number} note now I can`);
    expect(note.json().text).toBe('Noted on the timeline.');
    const mine = await w.app.inject({ method: 'GET', url: '/api/v1/chat/links/me', headers: bearer(personToken) });
    expect(mine.json().items).toHaveLength(1);
  });

  it('links through the confirmation form too (a read-only token may not)', async () => {
    const res = await w.slash('UFORM', 'link');
    const token = new URL(/(http\S+)/.exec(res.json().text)![1]!).searchParams.get('token')!;
    const person = await buildUser(w.t);
    const post = await w.app.inject({
      method: 'POST',
      url: '/integrations/slack/link',
      headers: { ...bearer(await tokenFor(w.t, person, 'read')), 'content-type': FORM },
      payload: new URLSearchParams({ token }).toString(),
    });
    // A read-scope token may not write: linking is a change.
    expect(post.statusCode).toBe(403);
    const ok = await w.app.inject({
      method: 'POST',
      url: '/integrations/slack/link',
      headers: { ...bearer(await tokenFor(w.t, person, 'write')), 'content-type': FORM },
      payload: new URLSearchParams({ token }).toString(),
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('Linked');
  });

  it('accepts Mattermost slash commands with the integration’s verification token instead of a signature', async () => {
    const connect = await w.app.inject({
      method: 'POST',
      url: '/api/v1/chat/workspaces',
      headers: bearer(w.adminToken),
      payload: {
        provider: 'mattermost',
        teamId: 'mm-team-1',
        name: 'Mattermost',
        verificationToken: 'mm-verification-token-1',
      },
    });
    expect(connect.statusCode).toBe(201);
    expect(connect.body).not.toContain('mm-verification-token-1');
    const send = (token: string, text: string, userId = 'mmuser1', userName = 'alice') =>
      w.app.inject({
        method: 'POST',
        url: '/integrations/slack/commands',
        headers: { 'content-type': FORM },
        payload: new URLSearchParams({
          token,
          team_id: 'mm-team-1',
          channel_id: 'mmchan',
          user_id: userId,
          user_name: userName,
          command: '/inc',
          text,
        }).toString(),
      });
    expect((await send('wrong-token-xxxxxxxx', 'help')).statusCode).toBe(401);
    const help = await send('mm-verification-token-1', 'help');
    expect(help.statusCode).toBe(200);
    expect(help.json().text).toContain('/inc declare');

    // Link the Mattermost user, then act; `@name` mentions resolve through linked handles.
    const link = await send('mm-verification-token-1', 'link');
    const token = new URL(/(http\S+)/.exec(link.json().text)![1]!).searchParams.get('token')!;
    const alice = await buildUser(w.t, { name: 'Alice MM' });
    await w.app.inject({
      method: 'POST',
      url: '/api/v1/chat/links',
      headers: bearer(await tokenFor(w.t, alice, 'write')),
      payload: { token },
    });
    const form = await send('mm-verification-token-1', 'declare');
    expect(form.json().text).toContain('Usage: `/inc declare <severity> <title>`');
    const declared = await send('mm-verification-token-1', 'declare sev3 Mattermost declared');
    const number = /Declared (INC-\d+)/.exec(declared.json().text)?.[1];
    expect(number).toBeTruthy();
    const role = await send('mm-verification-token-1', `${number} role @alice scribe`);
    expect(role.json().text).toBe('Alice MM is now scribe.');
  });

  it('posts stakeholder updates to a Slack-compatible incoming webhook (Mattermost) as announcements', async () => {
    const hook = w.fake.hookUrl('mattermost-announcements');
    const patch = await w.app.inject({
      method: 'PATCH',
      url: `/api/v1/chat/workspaces/${w.workspaceId}`,
      headers: bearer(w.adminToken),
      payload: { announcementsChannel: hook },
    });
    expect(patch.statusCode).toBe(200);
    const commander = await w.linkedPerson('UHOOK');
    const viewer = { userId: commander.id, name: commander.name, role: 'responder' as const };
    const { incident } = await declareIncident(w.t, viewer, { title: 'Webhook announced', severity: 'sev2' });
    await w.drain();
    await postStatusUpdate(w.t, viewer, incident.id, {
      currentStatus: 'We found the cause',
      impact: 'Exports are delayed',
    });
    await w.drain();
    const posted = w.fake.hooks.filter((h) => h.path === '/hooks/mattermost-announcements').at(-1);
    expect(posted?.body.text).toContain('*What is happening:* We found the cause');
    expect(posted?.body.text).toContain('*Who is affected:* Exports are delayed');
    await w.app.inject({
      method: 'PATCH',
      url: `/api/v1/chat/workspaces/${w.workspaceId}`,
      headers: bearer(w.adminToken),
      payload: { announcementsChannel: '' },
    });
  });
});
