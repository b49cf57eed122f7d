import { CSRF_HEADER, SESSION_COOKIE } from '@firebreak/shared';
import { type FirebreakProcess, freePort, startFirebreak, tempDataDir } from '../runtime/process.js';

// Several real `firebreak serve` processes on loopback ports sharing one PostgreSQL database, and
// a stand-in for the load balancer in front of them.

export type ClusterNode = {
  name: string;
  url: string;
  pid: number;
  process: FirebreakProcess;
  /** False once a request to it failed and its /readyz did not answer: the balancer sends nothing more there. */
  up: boolean;
};

export type Cluster = {
  nodes: ClusterNode[];
  /** Force-stops whatever still runs and removes the data directories. */
  close(): Promise<void>;
};

/**
 * Starts `size` processes at once, as an orchestrator starts replicas (they race to create the first
 * administrator), and resolves when every one has printed its banner.
 */
export async function startCluster(size: number, settings: Record<string, string>): Promise<Cluster> {
  const dirs = Array.from({ length: size }, () => tempDataDir());
  const nodes: ClusterNode[] = await Promise.all(
    dirs.map(async (dir, i) => {
      const port = await freePort();
      const process = startFirebreak(['serve'], {
        ...settings,
        FIREBREAK_PORT: String(port),
        FIREBREAK_DATA_DIR: dir.dir,
      });
      return {
        name: String.fromCharCode(65 + i),
        url: `http://127.0.0.1:${port}`,
        pid: process.child.pid!,
        process,
        up: true,
      };
    }),
  );
  const close = async () => {
    await Promise.all(nodes.map((n) => n.process.kill()));
    for (const dir of dirs) dir.remove();
  };
  try {
    await Promise.all(nodes.map((n) => n.process.waitFor(/Press Ctrl-C to stop/, 150_000)));
  } catch (err) {
    await close();
    throw err;
  }
  return { nodes, close };
}

/** SIGTERM, as an orchestrator stops a replica; resolves with the exit code. */
export async function stopGracefully(node: ClusterNode): Promise<number | null> {
  node.up = false;
  node.process.child.kill('SIGTERM');
  return (await node.process.exited).code;
}

/**
 * Round-robin over the processes still up, like any load balancer without sticky sessions. A request
 * whose connection fails (refused, or reset by a process that died mid-request) goes to the next
 * process: safe here because every write the tests send is idempotent (pages carry a dedupKey).
 */
export class RoundRobin {
  private turn = 0;
  readonly served = new Map<string, number>();
  /** Requests that failed on one process and were answered by another. */
  retried = 0;

  constructor(private readonly nodes: ClusterNode[]) {}

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    let lastError: unknown;
    for (let tries = 0; tries < this.nodes.length; tries++) {
      const up = this.nodes.filter((n) => n.up);
      const node = up[this.turn++ % up.length];
      if (!node) break;
      try {
        const response = await fetch(`${node.url}${path}`, init);
        this.served.set(node.name, (this.served.get(node.name) ?? 0) + 1);
        if (tries > 0) this.retried++;
        return response;
      } catch (err) {
        lastError = err;
        // As a balancer's health check would: a process that still answers /readyz stays in.
        node.up = await fetch(`${node.url}/readyz`).then(
          (r) => r.ok,
          () => false,
        );
      }
    }
    throw new Error(`no process answered ${path}`, { cause: lastError });
  }

  /** A JSON request with a bearer token; throws unless the status is one of `expect`. */
  async json<T>(method: string, path: string, token: string, body?: unknown, expect = [200, 201]): Promise<T> {
    const response = await this.fetch(path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!expect.includes(response.status)) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }
}

export type Session = { cookie: string; csrfToken: string };

/** Signs in with a password on one process, as a browser would. */
export async function signIn(node: ClusterNode, email: string, password: string): Promise<Session> {
  const response = await fetch(`${node.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in on ${node.name}: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) throw new Error(`sign-in on ${node.name} set no ${SESSION_COOKIE} cookie`);
  return { cookie, csrfToken: ((await response.json()) as { csrfToken: string }).csrfToken };
}

/** A request with the session cookie, and on writes the CSRF header unless `csrf` is false. */
export function asSession(
  node: ClusterNode,
  session: Session,
  method: string,
  path: string,
  body?: unknown,
  { csrf = true } = {},
): Promise<Response> {
  const headers: Record<string, string> = { cookie: session.cookie };
  if (csrf && method !== 'GET') headers[CSRF_HEADER] = session.csrfToken;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${node.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}
