import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { getTimeline } from '../../src/domains/incidents/incidents.service.js';
import { describeEachDialect } from '../harness.js';
import { type ChatWorld, createChatWorld, TEAM, uniqueTitle } from './helpers.js';

// Timeline capture by reaction, end to end: signed Events API callbacks in, the fake Slack Web API
// holding the message and its reactions, the incident's timeline out.

describeEachDialect('chat timeline capture', (dialect) => {
  let w: ChatWorld;
  beforeAll(async () => {
    w = await createChatWorld(dialect);
  });
  afterAll(() => w.close());
  beforeEach(() => {
    expect(w.fake.violations).toEqual([]);
  });

  /** A war room with one message in it, and reactions that reach Firebreak as signed events. */
  async function roomWithMessage(capturer: string, text = 'Resolver 2 is returning SERVFAIL') {
    await w.linkedPerson(capturer);
    const author = await w.linkedPerson(`${capturer}A`);
    const { incident, room } = await w.declare(capturer, uniqueTitle('DNS flapping'));
    const channel = room.channel_id!;
    const ts = `${Math.floor(w.t.clock.now() / 1000) - 120}.000200`;
    w.fake.messages.set(`${channel}:${ts}`, { ts, text, user: `${capturer}A` });
    const send = async (type: 'reaction_added' | 'reaction_removed', user: string, reaction = 'pushpin') => {
      if (type === 'reaction_added') w.fake.react(channel, ts, reaction, user);
      else w.fake.unreact(channel, ts, reaction, user);
      const res = await w.event({
        type: 'event_callback',
        team_id: TEAM,
        event: { type, user, reaction, item: { type: 'message', channel, ts } },
      });
      expect(res.statusCode).toBe(200);
    };
    const notes = async (includeRetracted = false) =>
      (await getTimeline(w.t, incident.id, { order: 'asc', limit: 50, kind: ['note'], includeRetracted })).items;
    return {
      incident,
      author,
      channel,
      ts,
      notes,
      add: (user: string, reaction?: string) => send('reaction_added', user, reaction),
      remove: (user: string, reaction?: string) => send('reaction_removed', user, reaction),
    };
  }

  it('copies a marked message to the timeline once, with its author and time, ignoring other reactions', async () => {
    const m = await roomWithMessage('UCAP1');
    await m.add('UCAP1', 'eyes');
    await m.add('UCAP1');
    await m.add('UCAP1'); // Slack retrying the event
    await w.drain();
    const notes = await m.notes();
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      text: `${m.author.name} (chat): Resolver 2 is returning SERVFAIL`,
      happenedAt: new Date(Number(m.ts.split('.')[0]) * 1000).toISOString(),
      retracted: null,
    });
  });

  it('keeps the entry while anyone’s capture reaction is left and retracts it with the last one', async () => {
    const m = await roomWithMessage('UCAP2');
    await w.linkedPerson('UOTHER2');
    await m.add('UCAP2');
    await w.drain();
    await m.add('UOTHER2');
    await w.drain();
    const [captured] = await m.notes();
    expect(captured).toBeDefined();

    await m.remove('UCAP2');
    await w.drain();
    expect((await m.notes()).map((n) => n.id)).toEqual([captured!.id]);

    await m.remove('UOTHER2');
    await w.drain();
    expect(await m.notes()).toEqual([]);
    const [kept] = await m.notes(true);
    expect(kept).toMatchObject({
      id: captured!.id,
      retracted: { by: { id: captured!.actor!.id }, reason: ':pushpin: removed in chat' },
    });
    const asked = w.fake.callsOf('reactions.get').filter((c) => c.args.channel === m.channel);
    expect(asked.map((c) => c.args.full)).toEqual(['true', 'true']);
    const capture = await w.t.db
      .selectFrom('chat_captures')
      .select(['removed_at', 'entry_id'])
      .where('channel_id', '=', m.channel)
      .where('message_ts', '=', m.ts)
      .executeTakeFirstOrThrow();
    expect(capture).toEqual({ removed_at: w.t.clock.now(), entry_id: captured!.id });
  });

  it('captures again when the reaction comes back, keeping the retracted entry for the record', async () => {
    const m = await roomWithMessage('UCAP3');
    await m.add('UCAP3');
    await w.drain();
    await m.remove('UCAP3');
    await w.drain();
    await w.t.clock.advance(60_000);
    await m.add('UCAP3');
    await w.drain();
    const live = await m.notes();
    const all = await m.notes(true);
    expect(live).toHaveLength(1);
    expect(all.map((n) => n.retracted === null)).toEqual([false, true]);
    expect(live[0]!.id).toBe(all[1]!.id);
  });

  it('captures nothing when the reaction was removed before the capture job ran', async () => {
    const m = await roomWithMessage('UCAP4');
    await m.add('UCAP4');
    await m.remove('UCAP4');
    await w.drain();
    expect(await m.notes(true)).toEqual([]);
  });

  it('retries the check after Retry-After when Slack rate-limits it, then retracts', async () => {
    const m = await roomWithMessage('UCAP5');
    await m.add('UCAP5');
    await w.drain();
    w.fake.failNext('reactions.get', { status: 429, retryAfter: 3 });
    await m.remove('UCAP5');
    await w.drain();
    expect(await m.notes()).toHaveLength(1);
    await w.advance(3_000);
    expect(await m.notes()).toEqual([]);
  });

  it('ignores a removal by someone who never marked it while the capturer’s reaction stays', async () => {
    const m = await roomWithMessage('UCAP6');
    await m.add('UCAP6');
    await w.drain();
    await m.remove('USTRANGER'); // not linked, never reacted: Slack's state is unchanged
    await w.drain();
    expect(await m.notes()).toHaveLength(1);
  });
});
