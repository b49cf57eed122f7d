import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A fake Slack Web API on loopback. It answers the methods Firebreak uses the way Slack documents
// them, records every call, and checks each against the method's required arguments: a call
// missing one is answered `invalid_arguments` (as Slack does) and listed in `violations`, so a
// test fails if Firebreak ever sends an incomplete request. It also records POSTs to incoming
// webhooks and response_urls (`/hooks/…`, `/respond/…`).

/** Required arguments per method; an inner array means "at least one of these". */
const REQUIRED: Record<string, (string | string[])[]> = {
  'conversations.create': ['name', 'is_private'],
  'conversations.setTopic': ['channel', 'topic'],
  'conversations.invite': ['channel', 'users'],
  'conversations.history': ['channel'],
  'conversations.replies': ['channel', 'ts'],
  'chat.postMessage': ['channel', ['text', 'blocks', 'attachments']],
  'chat.postEphemeral': ['channel', 'user', ['text', 'blocks', 'attachments']],
  'chat.update': ['channel', 'ts'],
  'pins.add': ['channel', 'timestamp'],
  'views.open': ['trigger_id', 'view'],
  'users.info': ['user'],
  'reactions.get': ['channel', 'timestamp'],
  'auth.test': [],
};

/** Arguments the Web API takes as JSON text inside the form body. */
const JSON_ARGS = new Set(['blocks', 'view', 'attachments']);

export type SlackCall = { method: string; args: Record<string, any>; ok: boolean; error?: string };
export type Reaction = { name: string; users: string[]; count: number };
export type FakeMessage = { ts: string; text: string; user?: string; reactions?: Reaction[] };
export type HookPost = { path: string; body: any };
type Failure = { status?: number; retryAfter?: number; error?: string };

export class FakeSlack {
  readonly calls: SlackCall[] = [];
  readonly violations: string[] = [];
  readonly hooks: HookPost[] = [];
  /** Messages conversations.history can return, by `channel:ts`, with their reactions. */
  readonly messages = new Map<string, FakeMessage>();
  readonly users = new Map<string, { id: string; name: string; real_name: string }>();
  private failures = new Map<string, Failure[]>();
  private server: Server | null = null;
  private counter = 0;
  port = 0;

  constructor(
    readonly botToken = 'xoxb-test-token',
    /** The workspace the token belongs to, as auth.test tells it. */
    readonly team = { id: 'T0FIREBRK', name: 'Acme Corp' },
  ) {}

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  hookUrl(name: string): string {
    return `http://127.0.0.1:${this.port}/hooks/${name}`;
  }

  /** The next call(s) of `method` fail this way, in order. */
  failNext(method: string, ...failures: Failure[]): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...failures]);
  }

  /** `user` adds the reaction `name` to a message, as Slack keeps it (one entry per emoji, its users). */
  react(channel: string, ts: string, name: string, user: string): void {
    const message = this.messages.get(`${channel}:${ts}`);
    if (!message) throw new Error(`no message ${channel}:${ts}`);
    const reactions = message.reactions ?? [];
    const reaction = reactions.find((r) => r.name === name);
    if (reaction?.users.includes(user)) return;
    if (reaction) {
      reaction.users.push(user);
      reaction.count++;
    } else reactions.push({ name, users: [user], count: 1 });
    message.reactions = reactions;
  }

  unreact(channel: string, ts: string, name: string, user: string): void {
    const message = this.messages.get(`${channel}:${ts}`);
    const reaction = message?.reactions?.find((r) => r.name === name);
    if (!message || !reaction?.users.includes(user)) return;
    reaction.users = reaction.users.filter((u) => u !== user);
    reaction.count--;
    message.reactions = message.reactions!.filter((r) => r.count > 0);
  }

  callsOf(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method && c.ok);
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, body, headers }) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private async handle(
    req: IncomingMessage,
  ): Promise<{ status: number; body: unknown; headers?: Record<string, string> }> {
    const raw = await new Promise<string>((resolve) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => resolve(data));
    });
    const path = (req.url ?? '').split('?')[0]!;
    if (path.startsWith('/hooks/') || path.startsWith('/respond/')) {
      this.hooks.push({ path, body: JSON.parse(raw || 'null') });
      return { status: 200, body: { ok: true } };
    }
    const method = path.replace(/^\/api\//, '');
    const args: Record<string, any> = {};
    for (const [key, value] of new URLSearchParams(raw)) args[key] = JSON_ARGS.has(key) ? JSON.parse(value) : value;
    const failure = this.failures.get(method)?.shift();
    if (failure?.status) {
      this.calls.push({ method, args, ok: false, error: `HTTP ${failure.status}` });
      const headers: Record<string, string> = failure.retryAfter ? { 'retry-after': String(failure.retryAfter) } : {};
      return { status: failure.status, body: { ok: false, error: 'ratelimited' }, headers };
    }
    const answer = this.answer(method, args, req.headers.authorization, failure?.error);
    this.calls.push({ method, args, ok: answer.ok === true, error: answer.error as string | undefined });
    return { status: 200, body: answer };
  }

  private answer(
    method: string,
    args: Record<string, any>,
    auth: string | undefined,
    error?: string,
  ): Record<string, unknown> {
    if (auth !== `Bearer ${this.botToken}`) return { ok: false, error: 'invalid_auth' };
    const required = REQUIRED[method];
    if (!required) {
      this.violations.push(`${method}: not a method the fake knows`);
      return { ok: false, error: 'unknown_method' };
    }
    const missing = required.filter((r) =>
      Array.isArray(r)
        ? !r.some((k) => args[k] !== undefined && args[k] !== '')
        : args[r] === undefined || args[r] === '',
    );
    if (missing.length) {
      this.violations.push(`${method}: missing ${missing.map((m) => (Array.isArray(m) ? m.join('|') : m)).join(', ')}`);
      return { ok: false, error: 'invalid_arguments' };
    }
    if (error) return { ok: false, error };
    const ts = () => `${1767603600 + this.counter}.${String(++this.counter).padStart(6, '0')}`;
    switch (method) {
      case 'conversations.create':
        return {
          ok: true,
          channel: {
            id: `C${String(++this.counter).padStart(8, '0')}`,
            name: args.name,
            is_private: args.is_private === 'true',
          },
        };
      case 'chat.postMessage':
        return { ok: true, channel: args.channel, ts: ts(), message: { text: args.text } };
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'conversations.history': {
        const message = this.messages.get(`${args.channel}:${args.latest}`);
        return { ok: true, messages: message ? [message] : [], has_more: false };
      }
      case 'conversations.replies': {
        const message = this.messages.get(`${args.channel}:${args.ts}`);
        return { ok: true, messages: message ? [message] : [] };
      }
      case 'reactions.get': {
        const message = this.messages.get(`${args.channel}:${args.timestamp}`);
        return message
          ? { ok: true, type: 'message', channel: args.channel, message }
          : { ok: false, error: 'message_not_found' };
      }
      case 'auth.test':
        return {
          ok: true,
          url: `https://${this.team.name.toLowerCase().replace(/\W+/g, '')}.slack.com/`,
          team: this.team.name,
          team_id: this.team.id,
          user: 'firebreak',
          user_id: 'UBOT',
          bot_id: 'BBOT',
        };
      case 'users.info': {
        const user = this.users.get(args.user);
        return user ? { ok: true, user } : { ok: false, error: 'user_not_found' };
      }
      default:
        return { ok: true };
    }
  }
}
