import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from '@firebreak/shared';
import type { Database, Dialect } from '../../src/core/db/database.js';
import { createTestDatabase } from '../databases.js';
import { type FirebreakProcess, freePort, startFirebreak, tempDataDir } from '../runtime/process.js';

// The world a crash test runs in: one database that outlives every process, the settings each
// `firebreak serve` gets (the same data directory and port every time, so senders need not follow a
// new address), a loopback webhook peer standing in for people's phones, and the service and
// integration the load is sent to, set up through the API of the first process.

/** The policy's delay between its levels (a whole minute, the least it takes): step 1 falls due this long after step 0 ran. */
export const LEVEL_DELAY_MS = 60_000;

/** Where level `index` (0-based) delivers at the peer: one person per level, one path per person. */
export const levelPath = (index: number) => `/level-${index + 1}`;

/** One webhook as the peer received it. */
export type Delivery = { path: string; idempotencyKey: string; pageId: string | null };
export type Peer = { url: string; deliveries: Delivery[]; close(): Promise<void> };

export type CrashWorld = {
  dialect: Dialect;
  database: Database & { url: string };
  peer: Peer;
  port: number;
  routingKey: string;
  /** The running process, if any. */
  current: FirebreakProcess | null;
  /** Processes that exited without being told to, with their output (a crash on start-up, say). */
  unexpectedExits: string[];
  /** Starts `firebreak serve` on the world's data; resolves when it listens. */
  start(): Promise<FirebreakProcess>;
  /** Starts a process without waiting for it to listen. */
  spawn(): FirebreakProcess;
  /** SIGKILL, as the kernel's OOM killer or `kill -9` does it (the OS and its page cache live on). */
  crash(): Promise<void>;
  /** SIGTERM: in-flight requests finish, claimed jobs are handed back. Resolves with the exit code. */
  stop(): Promise<number | null>;
  close(): Promise<void>;
};

const READY = /Press Ctrl-C to stop/;
// Start-up takes seconds on a busy two-core machine (tsx, every domain's routes).
const START_TIMEOUT_MS = 120_000;

export async function createCrashWorld(dialect: Dialect): Promise<CrashWorld> {
  const database = await createTestDatabase(dialect);
  const data = tempDataDir();
  const peer = await startPeer();
  const port = await freePort();
  const bootstrapToken = randomBytes(24).toString('hex');
  const env = {
    FIREBREAK_DATA_DIR: data.dir,
    FIREBREAK_PORT: String(port),
    DATABASE_URL: database.url,
    FIREBREAK_SECRET_KEY: randomBytes(32).toString('hex'),
    FIREBREAK_BOOTSTRAP_TOKEN: bootstrapToken,
  };
  let expectedExit = false;

  const world: CrashWorld = {
    dialect,
    database,
    peer,
    port,
    routingKey: '',
    current: null,
    unexpectedExits: [],
    spawn() {
      if (world.current) throw new Error('a process is already running on this world');
      const proc = startFirebreak(['serve'], env);
      expectedExit = false;
      proc.exited.then((run) => {
        if (!expectedExit) {
          world.unexpectedExits.push(
            `exit ${run.code ?? run.signal}\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`,
          );
        }
      });
      world.current = proc;
      return proc;
    },
    async start() {
      const proc = world.spawn();
      await proc.waitFor(READY, START_TIMEOUT_MS);
      return proc;
    },
    async crash() {
      const proc = world.current;
      if (!proc) return;
      expectedExit = true;
      proc.child.kill('SIGKILL');
      await proc.exited;
      world.current = null;
    },
    async stop() {
      const proc = world.current;
      if (!proc) return null;
      expectedExit = true;
      proc.child.kill('SIGTERM');
      const run = await proc.exited;
      world.current = null;
      return run.code;
    },
    async close() {
      await world.crash();
      await peer.close();
      await database.close();
      data.remove();
    },
  };

  try {
    await world.start();
    world.routingKey = await setUpService(`http://127.0.0.1:${port}`, bootstrapToken, peer.url);
  } catch (err) {
    await world.close();
    throw err;
  }
  return world;
}

/**
 * A service paged through a two-level policy (one person per level, each reached by a webhook to
 * the peer) and an Events API v2 integration grouping by `source`: every new source opens a group,
 * which pages. Answers the integration's routing key.
 */
async function setUpService(baseUrl: string, token: string, peerUrl: string): Promise<string> {
  const api = createClient({ baseUrl, token });
  const people: string[] = [];
  for (const index of [0, 1]) {
    const person = await api.post<{ id: string }>('/api/v1/users', {
      name: `Level ${index + 1} responder`,
      email: `level-${index + 1}@crash.test`,
    });
    await api.post(`/api/v1/users/${person.id}/contact-methods`, {
      kind: 'webhook',
      label: 'pager',
      address: `${peerUrl}${levelPath(index)}`,
    });
    people.push(person.id);
  }
  const { policy } = await api.post<{ policy: { id: string } }>('/api/v1/escalation-policies', {
    name: 'Crash test',
    repeat: 0,
    levels: people.map((id) => ({ targets: [{ kind: 'user', id }], delayMinutes: LEVEL_DELAY_MS / 60_000 })),
  });
  const service = await api.post<{ id: string }>('/api/v1/services', { name: 'checkout' });
  await api.put(`/api/v1/escalation-policies/services/${service.id}`, { policyId: policy.id });
  const integration = await api.post<{ routingKey: string }>('/api/v1/integrations', {
    serviceId: service.id,
    name: 'crash driver',
    kind: 'events_api',
    groupBy: ['source'],
  });
  return integration.routingKey;
}

/** A webhook receiver on loopback that answers 200 and keeps what it needs to judge each delivery. */
async function startPeer(): Promise<Peer> {
  const deliveries: Delivery[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { page?: { id?: string } };
      deliveries.push({
        path: req.url ?? '',
        idempotencyKey: String(req.headers['idempotency-key']),
        pageId: body.page?.id ?? null,
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    deliveries,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
