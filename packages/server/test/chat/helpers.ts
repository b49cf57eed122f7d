import type { LightMyRequestResponse } from 'fastify';
import type { AppContext } from '../../src/core/context.js';
import type { Dialect } from '../../src/core/db/database.js';
import { EventBus } from '../../src/core/events.js';
import { Scheduler } from '../../src/core/scheduler/scheduler.js';
import type { WarRoomRow } from '../../src/domains/chat/chat.model.js';
import { confirmUserLink, startUserLink } from '../../src/domains/chat/commands/link-user.js';
import { chatModule } from '../../src/domains/chat/index.js';
import { slackSignature } from '../../src/domains/chat/signature.js';
import { getWorkspaceRow } from '../../src/domains/chat/workspaces.repo.js';
import type { IncidentRow } from '../../src/domains/incidents/incidents.model.js';
import { type App, buildApp } from '../../src/http/app.js';
import { type BuiltUser, bearer, buildUser, tokenFor } from '../factories.js';
import { createTestContext, type TestContext } from '../harness.js';
import { allJobHandlers } from '../paging/helpers.js';
import { FakeSlack } from './fake-slack.js';

// A world for the chat suites: the app, a scheduler run by hand on the fake clock, a fake Slack
// Web API on loopback, one connected workspace, and helpers that send correctly signed requests.

export const SIGNING_SECRET = 'chat-test-signing-secret-0123456789';
export const TEAM = 'T0FIREBRK';

/** An event bus that remembers what its listeners are still doing, so tests can wait for them. */
class TrackingBus extends EventBus {
  readonly pending = new Set<Promise<unknown>>();
  override on(event: any, listener: any): () => void {
    return super.on(event, (payload: unknown) => {
      const result = listener(payload);
      if (result instanceof Promise) {
        this.pending.add(result);
        void result.finally(() => this.pending.delete(result)).catch(() => {});
      }
      return result;
    });
  }
}

let titles = 0;
/** A title no other test of the run uses, so an incident can be found by it. */
export const uniqueTitle = (what: string) => `${what} ${Date.now().toString(36)}${titles++}`;

export type ChatWorld = {
  t: TestContext;
  app: App;
  fake: FakeSlack;
  admin: BuiltUser;
  adminToken: string;
  workspaceId: string;
  /** Lets event listeners finish and runs every job due now, until nothing is left. */
  drain(): Promise<void>;
  advance(ms: number): Promise<void>;
  /** A correctly signed Slack request. */
  signed(
    url: string,
    body: string,
    contentType: string,
    options?: { secret?: string; at?: number },
  ): Promise<LightMyRequestResponse>;
  slash(
    userId: string,
    text: string,
    channelId?: string,
    extra?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  interact(payload: unknown): Promise<LightMyRequestResponse>;
  event(envelope: unknown): Promise<LightMyRequestResponse>;
  /** Declares by `/inc declare` as `slackId`, runs the jobs, and returns the incident and its war room. */
  declare(slackId: string, title: string, severity?: string): Promise<{ incident: IncidentRow; room: WarRoomRow }>;
  /** A person with a linked Slack account, linked through the real `/inc link` flow's commands. */
  linkedPerson(slackId: string, role?: 'viewer' | 'responder' | 'admin'): Promise<BuiltUser>;
  close(): Promise<void>;
};

export async function createChatWorld(dialect: Dialect, workspace: Record<string, unknown> = {}): Promise<ChatWorld> {
  const t = await createTestContext(dialect);
  const bus = new TrackingBus((event, err) => t.log.error({ err, event }, 'listener failed'));
  (t as AppContext).events = bus;
  const app = await buildApp(t);
  chatModule.subscribe?.(t);
  const scheduler = new Scheduler({ ctx: t, handlers: allJobHandlers(), concurrency: 1 });
  const fake = new FakeSlack();
  await fake.start();
  const admin = await buildUser(t, { role: 'admin', contactEmail: false });
  const adminToken = await tokenFor(t, admin);
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/chat/workspaces',
    headers: bearer(adminToken),
    payload: {
      teamId: TEAM,
      name: 'Acme',
      botToken: fake.botToken,
      signingSecret: SIGNING_SECRET,
      apiUrl: fake.apiUrl,
      ...workspace,
    },
  });
  if (res.statusCode !== 201) throw new Error(`connect failed: ${res.body}`);
  const workspaceId = res.json().id as string;

  const signed: ChatWorld['signed'] = (url, body, contentType, options = {}) => {
    const ts = String(Math.floor((options.at ?? t.clock.now()) / 1000));
    return app.inject({
      method: 'POST',
      url,
      payload: body,
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': ts,
        'x-slack-signature': slackSignature(options.secret ?? SIGNING_SECRET, ts, body),
      },
    });
  };
  const form = 'application/x-www-form-urlencoded';

  const world: ChatWorld = {
    t,
    app,
    fake,
    admin,
    adminToken,
    workspaceId,
    async drain() {
      for (let i = 0; i < 100; i++) {
        while (bus.pending.size > 0) await Promise.allSettled([...bus.pending]);
        const n = await scheduler.runDue();
        if (n === 0 && bus.pending.size === 0) return;
      }
      throw new Error('jobs keep becoming due: a loop?');
    },
    async advance(ms) {
      await t.clock.advance(ms);
      await world.drain();
    },
    signed,
    slash: (userId, text, channelId = 'C_ELSEWHERE', extra = {}) =>
      signed(
        '/integrations/slack/commands',
        new URLSearchParams({
          token: 'ignored',
          team_id: TEAM,
          channel_id: channelId,
          user_id: userId,
          user_name: userId.toLowerCase(),
          command: '/inc',
          text,
          response_url: fake.hookUrl('response'),
          trigger_id: 'trigger-123',
          ...extra,
        }).toString(),
        form,
      ),
    interact: (payload) =>
      signed(
        '/integrations/slack/interactions',
        new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
        form,
      ),
    event: (envelope) => signed('/integrations/slack/events', JSON.stringify(envelope), 'application/json'),
    async declare(slackId, title, severity = 'sev2') {
      const res = await world.slash(slackId, `declare ${severity} ${title}`);
      if (!/^Declared INC-\d+/.test(res.json().text)) throw new Error(`declare failed: ${res.body}`);
      await world.drain();
      const incident = await t.db
        .selectFrom('incidents')
        .selectAll()
        .where('title', '=', title)
        .executeTakeFirstOrThrow();
      const room = await t.db
        .selectFrom('chat_war_rooms')
        .selectAll()
        .where('incident_id', '=', incident.id)
        .executeTakeFirstOrThrow();
      return { incident, room };
    },
    async linkedPerson(slackId, role = 'responder') {
      const user = await buildUser(t, { role, contactEmail: false });
      const row = (await getWorkspaceRow(t.db, workspaceId))!;
      const { url } = await startUserLink(t, row, { id: slackId, name: slackId.toLowerCase() });
      await confirmUserLink(t, user.id, new URL(url).searchParams.get('token')!);
      return user;
    },
    async close() {
      await app.close();
      await fake.stop();
      await t.close();
    },
  };
  return world;
}
