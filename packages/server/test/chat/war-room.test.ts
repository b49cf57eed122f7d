import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { assignRole } from '../../src/domains/incidents/commands/assign-role.js';
import { changeSeverity } from '../../src/domains/incidents/commands/change-severity.js';
import { recordDecision } from '../../src/domains/incidents/commands/record-decision.js';
import { buildUser } from '../factories.js';
import { describeEachDialect } from '../harness.js';
import { type ChatWorld, createChatWorld, uniqueTitle } from './helpers.js';

describeEachDialect('chat war rooms', (dialect) => {
  let w: ChatWorld;
  beforeAll(async () => {
    w = await createChatWorld(dialect, { announcementsChannel: 'C_ANNOUNCE' });
  });
  afterAll(() => w.close());
  beforeEach(() => {
    expect(w.fake.violations).toEqual([]);
  });

  const declare = (slackId: string, title: string, severity = 'sev2') => w.declare(slackId, title, severity);

  it('opens a war room on declaration: channel by convention, topic, invitations, pinned summary', async () => {
    const commander = await w.linkedPerson('UCMDR1');
    const title = uniqueTitle('Checkout is down');
    const { incident, room } = await declare('UCMDR1', title);

    const create = w.fake.callsOf('conversations.create').find((c) => c.args.name === incident.channel_name);
    expect(create?.args.is_private).toBe('false');
    expect(room.channel_id).toMatch(/^C/);
    const topic = w.fake.callsOf('conversations.setTopic').find((c) => c.args.channel === room.channel_id);
    expect(topic?.args.topic).toBe(`Sev2 · investigating · Commander: ${commander.name} · INC-${incident.number}`);
    const invites = w.fake.callsOf('conversations.invite').filter((c) => c.args.channel === room.channel_id);
    expect(invites.map((c) => c.args.users)).toEqual(['UCMDR1']);
    const summary = w.fake.callsOf('chat.postMessage').find((c) => c.args.channel === room.channel_id);
    expect(summary?.args.blocks[0].text.text).toBe(`INC-${incident.number}: ${title}`);
    const pin = w.fake.callsOf('pins.add').find((c) => c.args.channel === room.channel_id);
    expect(pin?.args.timestamp).toBe(room.summary_ts);
    expect(w.fake.violations).toEqual([]);
  });

  it('keeps the pinned summary and topic current and posts role, severity, decision and status changes', async () => {
    await w.linkedPerson('UCMDR2');
    const comms = await w.linkedPerson('UCOMMS2');
    const { incident, room } = await declare('UCMDR2', uniqueTitle('Search slow'), 'sev3');
    const channel = room.channel_id!;
    const before = w.fake.calls.length;

    const role = await w.slash('UCMDR2', 'role <@UCOMMS2|comms2> comms', channel);
    expect(role.json().text).toBe(`${comms.name} is now communications lead.`);
    const sev = await w.slash('UCMDR2', 'severity sev1 checkout affected too', channel);
    expect(sev.json().text).toBe('Severity changed to sev1.');
    const status = await w.slash('UCMDR2', 'status identified bad deploy', channel);
    expect(status.json().text).toBe('Status changed to identified.');
    const commander = await w.t.db
      .selectFrom('chat_user_links')
      .select('user_id')
      .where('chat_user_id', '=', 'UCMDR2')
      .executeTakeFirstOrThrow();
    const viewer = { userId: commander.user_id, name: 'x', role: 'responder' as const };
    await recordDecision(w.t, viewer, incident.id, {
      question: 'Roll back?',
      options: [{ name: 'Roll back' }, { name: 'Fix forward' }],
      choice: 'Roll back',
    });
    await w.drain();

    const posted = w.fake.calls
      .slice(before)
      .filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel);
    const texts = posted.map((c) => c.args.text as string);
    expect(texts.some((t) => t.includes(`${comms.name} is now communications lead`))).toBe(true);
    expect(texts.some((t) => t.includes('Severity: Sev3 → Sev1 (checkout affected too)'))).toBe(true);
    expect(texts.some((t) => t.includes('Status: investigating → identified (bad deploy)'))).toBe(true);
    expect(texts.some((t) => t.startsWith(':scales: *Decision* Decided: Roll back? → Roll back'))).toBe(true);
    // The comms lead, once assigned, is invited too.
    expect(
      w.fake.callsOf('conversations.invite').some((c) => c.args.channel === channel && c.args.users === 'UCOMMS2'),
    ).toBe(true);
    const updates = w.fake.calls.slice(before).filter((c) => c.method === 'chat.update' && c.args.channel === channel);
    expect(updates.at(-1)?.args.ts).toBe(room.summary_ts);
    expect(updates.at(-1)?.args.text).toContain('Sev1, identified');
    const topics = w.fake.callsOf('conversations.setTopic').filter((c) => c.args.channel === channel);
    expect(topics.at(-1)?.args.topic).toMatch(/^Sev1 · identified · /);
    expect(w.fake.violations).toEqual([]);
  });

  it('opens the declare modal, declares from its submission, and makes a private channel for a private incident', async () => {
    await w.linkedPerson('UMODAL');
    const res = await w.slash('UMODAL', 'declare');
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
    await w.drain();
    const open = w.fake.callsOf('views.open').at(-1)!;
    expect(open.args.trigger_id).toBe('trigger-123');
    expect(open.args.view.callback_id).toBe('firebreak_declare');
    const severityBlock = open.args.view.blocks.find((b: any) => b.block_id === 'severity');
    expect(severityBlock.element.options[0]).toMatchObject({ value: 'sev1', text: { text: 'Sev1' } });
    expect(severityBlock.element.options[0].description.text.length).toBeGreaterThan(0);

    const title = uniqueTitle('Payroll leak');
    const submit = await w.interact({
      type: 'view_submission',
      team: { id: 'T0FIREBRK' },
      user: { id: 'UMODAL' },
      view: {
        callback_id: 'firebreak_declare',
        state: {
          values: {
            title: { value: { type: 'plain_text_input', value: title } },
            severity: { value: { type: 'static_select', selected_option: { value: 'sev2' } } },
            summary: { value: { type: 'plain_text_input', value: 'Salaries visible to all' } },
            private: { value: { type: 'checkboxes', selected_options: [{ value: 'private' }] } },
          },
        },
      },
    });
    expect(submit.statusCode).toBe(200);
    await w.drain();
    const incident = await w.t.db
      .selectFrom('incidents')
      .selectAll()
      .where('title', '=', title)
      .executeTakeFirstOrThrow();
    expect(incident.private).toBe(1);
    const create = w.fake.callsOf('conversations.create').find((c) => c.args.name === incident.channel_name);
    expect(create?.args.is_private).toBe('true');
  });

  it('shows a refused modal field beside the field instead of failing', async () => {
    await w.linkedPerson('UMODAL2');
    const res = await w.interact({
      type: 'view_submission',
      user: { id: 'UMODAL2' },
      view: {
        callback_id: 'firebreak_declare',
        state: {
          values: {
            title: { value: { value: 'Something' } },
            severity: { value: { selected_option: { value: 'sev9' } } },
          },
        },
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ response_action: 'errors', errors: { severity: expect.stringContaining('sev9') } });
  });

  it('posts the status update template to the war room and a plain-language version to announcements', async () => {
    await w.linkedPerson('UUPD');
    const { incident, room } = await declare('UUPD', uniqueTitle('Login errors'));
    const openForm = await w.slash('UUPD', 'update', room.channel_id!);
    expect(openForm.body).toBe('');
    await w.drain();
    const view = w.fake.callsOf('views.open').at(-1)!.args.view;
    expect(view.callback_id).toBe('firebreak_status_update');
    expect(view.private_metadata).toBe(incident.id);

    const submit = await w.interact({
      type: 'view_submission',
      user: { id: 'UUPD' },
      view: {
        callback_id: 'firebreak_status_update',
        private_metadata: incident.id,
        state: {
          values: {
            current_status: { value: { value: 'Root cause found; rolling back the 14:02 deploy' } },
            impact: { value: { value: 'About 5% of sign-ins fail' } },
            next_update: { value: { selected_option: { value: '30' } } },
            audience: { value: { selected_option: { value: 'stakeholders' } } },
          },
        },
      },
    });
    expect(submit.statusCode).toBe(200);
    await w.drain();
    const warRoom = w.fake
      .callsOf('chat.postMessage')
      .filter((c) => c.args.channel === room.channel_id)
      .at(-1)!;
    expect(warRoom.args.text).toContain('*Stakeholder update*');
    expect(warRoom.args.text).toContain('*Current status:* Root cause found; rolling back the 14:02 deploy');
    expect(warRoom.args.text).toContain('*Next update:* 09:30 UTC');
    const announced = w.fake
      .callsOf('chat.postMessage')
      .filter((c) => c.args.channel === 'C_ANNOUNCE')
      .at(-1)!;
    expect(announced.args.text).toContain(`*${incident.title}* (INC-${incident.number})`);
    expect(announced.args.text).toContain('*Who is affected:* About 5% of sign-ins fail');
    expect(announced.args.text).toContain('We will post the next update by 09:30 UTC.');
    expect(announced.args.text).not.toContain('Stakeholder update');
    expect(announced.args.blocks[1].elements[0]).toMatchObject({ action_id: 'incident_join', value: incident.id });
  });

  it('never blocks on Slack: a 429 is retried after Retry-After and the summary catches up', async () => {
    const cmdr = await w.linkedPerson('URATE');
    const { incident, room } = await declare('URATE', uniqueTitle('Queue backlog'), 'sev3');
    w.fake.failNext('chat.update', { status: 429, retryAfter: 2 });
    const viewer = { userId: cmdr.id, name: cmdr.name, role: 'responder' as const };
    // The incident changes at once, whatever Slack says.
    const changed = await changeSeverity(w.t, viewer, incident.id, { severity: 'sev2', reason: 'growing' });
    expect(changed.severity?.key).toBe('sev2');
    const other = await buildUser(w.t);
    await assignRole(w.t, viewer, incident.id, { role: 'scribe', userId: other.id });
    await w.drain();
    const attempts = () => w.fake.calls.filter((c) => c.method === 'chat.update' && c.args.channel === room.channel_id);
    expect(attempts().map((c) => c.ok)).toEqual([false]);
    await w.advance(1_000);
    expect(attempts()).toHaveLength(1); // Retry-After (2 s) not yet passed
    await w.advance(1_000);
    const last = attempts().at(-1)!;
    expect(last.ok).toBe(true);
    expect(last.args.text).toContain('Sev2, investigating');
    expect(JSON.stringify(last.args.blocks)).toContain(`Scribe: ${other.name}`);
  });

  it('lets people join from a button, opens the update form from the summary button, and resolves with /inc resolve', async () => {
    await w.linkedPerson('UOWNER');
    const joiner = await w.linkedPerson('UJOINER', 'viewer');
    const { incident, room } = await declare('UOWNER', uniqueTitle('Billing emails late'));
    const press = (user: string, actionId: string) =>
      w.interact({
        type: 'block_actions',
        user: { id: user },
        trigger_id: `trigger-${user}`,
        response_url: w.fake.hookUrl('x').replace('/hooks/x', `/respond/${user}`),
        actions: [{ action_id: actionId, value: incident.id }],
      });

    expect((await press('UJOINER', 'incident_join')).statusCode).toBe(200);
    await w.drain();
    const subscribed = await w.t.db
      .selectFrom('incident_subscribers')
      .select('user_id')
      .where('incident_id', '=', incident.id)
      .execute();
    expect(subscribed.map((s) => s.user_id)).toContain(joiner.id);
    expect(
      w.fake
        .callsOf('conversations.invite')
        .some((c) => c.args.channel === room.channel_id && c.args.users === 'UJOINER'),
    ).toBe(true);

    await press('UOWNER', 'incident_post_update');
    await w.drain();
    const open = w.fake.callsOf('views.open').at(-1)!;
    expect(open.args).toMatchObject({
      trigger_id: 'trigger-UOWNER',
      view: { callback_id: 'firebreak_status_update', private_metadata: incident.id },
    });

    const viewerTries = await w.slash('UJOINER', 'resolve', room.channel_id!);
    expect(viewerTries.json().text).toMatch(/^:warning: Only responders/);
    const resolved = await w.slash('UOWNER', 'resolve customers confirmed', room.channel_id!);
    expect(resolved.json().text).toBe('Resolved. Thank you all.');
    const after = await w.t.db
      .selectFrom('incidents')
      .select('status')
      .where('id', '=', incident.id)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe('resolved');
  });
});
