import { statSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, describeEachDialect } from '../harness.js';
import { type FirebreakProcess, freePort, runFirebreak, startFirebreak, tempDataDir } from './process.js';

describeEachDialect('firebreak serve', (dialect) => {
  const data = tempDataDir();
  let env: Record<string, string>;
  let dropDatabase = async () => {};
  let server: FirebreakProcess;
  let base: string;

  /** Settings for a server of its own, on a database of its own. */
  async function ownEnv(): Promise<{ env: Record<string, string>; cleanup(): Promise<void> }> {
    const dir = tempDataDir();
    const port = String(await freePort());
    if (dialect === 'sqlite') {
      return { env: { FIREBREAK_DATA_DIR: dir.dir, FIREBREAK_PORT: port }, cleanup: async () => dir.remove() };
    }
    const database = await createTestDatabase('postgres');
    return {
      env: { FIREBREAK_DATA_DIR: dir.dir, FIREBREAK_PORT: port, DATABASE_URL: database.url },
      cleanup: async () => {
        await database.close();
        dir.remove();
      },
    };
  }

  beforeAll(async () => {
    const own = await ownEnv();
    env = own.env;
    dropDatabase = own.cleanup;
    base = `http://127.0.0.1:${env.FIREBREAK_PORT}`;
    server = startFirebreak(['serve'], env);
    await server.waitFor(/Press Ctrl-C to stop/);
  });
  afterAll(async () => {
    await server?.kill();
    await dropDatabase();
    data.remove();
  });

  it('is ready, and its first-start output carries a sign-in link that signs the admin in', async () => {
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect(server.stdout).toContain(`running at http://localhost:${env.FIREBREAK_PORT}`);
    expect(server.stdout).toMatch(
      dialect === 'sqlite' ? /database: +SQLite .*firebreak\.db/ : /database: +PostgreSQL /,
    );
    const [link] = await server.waitFor(/http:\/\/localhost:\d+\/auth\/link\?token=\S+/);
    expect(server.stdout).toContain('sign in as admin@localhost');

    const res = await fetch(link!.replace('localhost', '127.0.0.1'), { redirect: 'manual' });
    expect([302, 303]).toContain(res.status);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/fb_session=/);
    const me = await fetch(`${base}/api/v1/auth/me`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe('admin@localhost');

    const again = await fetch(link!.replace('localhost', '127.0.0.1'), { redirect: 'manual' });
    expect(again.status).toBeGreaterThanOrEqual(400); // one-time
  });

  it('keeps the generated secret key private', () => {
    const mode = statSync(path.join(env.FIREBREAK_DATA_DIR!, 'secret.key')).mode & 0o777;
    expect(mode).toBe(0o600);
  });

  it('creates a token offline that the remote commands then use', async () => {
    const created = await runFirebreak(['token', 'create', '--name', 'laptop', '--scope', 'read'], env);
    expect(created.code).toBe(0);
    const secret = created.stdout.match(/fbk_\S+/)?.[0];
    expect(secret).toBeDefined();

    const remote = { FIREBREAK_URL: base, FIREBREAK_TOKEN: secret! };
    const whoami = await runFirebreak(['whoami'], remote);
    expect(whoami.stderr).toBe('');
    expect(whoami.stdout).toContain('Administrator <admin@localhost> (admin)');

    const services = await runFirebreak(['services', 'list', '--json'], remote);
    expect(services.code).toBe(0);
    expect(JSON.parse(services.stdout)).toEqual([]);

    const tokens = JSON.parse((await runFirebreak(['token', 'list', '--json'], remote)).stdout);
    expect(tokens).toContainEqual(expect.objectContaining({ name: 'laptop', scope: 'read', revokedAt: null }));
  });

  it('creates a token through the API when a server URL is given, and revokes it', async () => {
    const offline = await runFirebreak(['token', 'create', '--name', 'admin-cli', '--scope', 'admin', '--json'], env);
    const admin = JSON.parse(offline.stdout).secret as string;

    const remote = { FIREBREAK_URL: base, FIREBREAK_TOKEN: admin };
    const viaApi = await runFirebreak(['token', 'create', '--name', 'ci', '--json'], remote);
    expect(viaApi.code).toBe(0);
    const created = JSON.parse(viaApi.stdout);
    expect(created).toMatchObject({ name: 'ci', scope: 'write' });

    const revoked = await runFirebreak(['token', 'revoke', created.id], remote);
    expect(revoked.stdout).toContain(`Revoked token ${created.id}.`);
    const refused = await runFirebreak(['whoami'], { ...remote, FIREBREAK_TOKEN: created.secret });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error: /);

    const onlyOffline = await runFirebreak(['token', 'create', '--name', 'x', '--user', 'admin@localhost'], remote);
    expect(onlyOffline.code).toBe(1);
    expect(onlyOffline.stderr).toContain('error: --user works only offline');
  });

  it('prints API problems and unreachable servers as one-line errors with exit code 1', async () => {
    const noToken = await runFirebreak(['services', 'list'], { FIREBREAK_URL: base });
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toContain('error: no API token: set FIREBREAK_TOKEN or pass --token');

    const badToken = await runFirebreak(['teams', 'list'], { FIREBREAK_URL: base, FIREBREAK_TOKEN: 'fbk_nope' });
    expect(badToken.code).toBe(1);
    expect(badToken.stderr).toMatch(/^error: .+/);

    const port = await freePort();
    const nobody = await runFirebreak(['users', 'list', '--url', `http://127.0.0.1:${port}`, '--token', 'fbk_x'], {});
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain(`error: cannot reach Firebreak at http://127.0.0.1:${port} (ECONNREFUSED)`);
  });

  it('on SIGINT stops accepting, finishes requests already in flight, and exits 0', async () => {
    const own = await ownEnv();
    try {
      const url = `http://127.0.0.1:${own.env.FIREBREAK_PORT}`;
      let proc = startFirebreak(['serve'], own.env);
      await proc.waitFor(/Press Ctrl-C to stop/);
      const token = JSON.parse(
        (await runFirebreak(['token', 'create', '--name', 'load', '--scope', 'admin', '--json'], own.env)).stdout,
      ).secret as string;

      // Slow requests: headers and half of each body sent, the rest held back until after the signal.
      const names = Array.from({ length: 10 }, (_, i) => `Drain team ${i}`);
      const slow = names.map((name) => slowPost(`${url}/api/v1/teams`, token, { name }));
      await new Promise((r) => setTimeout(r, 500));
      proc.child.kill('SIGINT');
      await new Promise((r) => setTimeout(r, 500));
      expect(proc.child.exitCode).toBeNull(); // still waiting for the requests in flight
      expect(await get(`${url}/healthz`, token)).toBe('ECONNREFUSED'); // no new connections

      for (const request of slow) request.finish();
      expect(await Promise.all(slow.map((r) => r.status))).toEqual(names.map(() => 201));
      const exit = await proc.exited;
      expect(exit.code).toBe(0);
      expect(exit.stdout + exit.stderr).not.toMatch(/"level":(50|60)/); // no error or fatal log lines

      proc = startFirebreak(['serve'], own.env);
      await proc.waitFor(/Press Ctrl-C to stop/);
      expect(proc.stdout).toContain(
        `Sign in at http://localhost:${own.env.FIREBREAK_PORT} (forgot access? run \`firebreak user link <email>\`)`,
      );
      expect(proc.stdout).not.toContain('/auth/link?token=');
      const teams = await runFirebreak(['teams', 'list', '--json'], { FIREBREAK_URL: url, FIREBREAK_TOKEN: token });
      expect(JSON.parse(teams.stdout).map((t: { name: string }) => t.name)).toEqual(expect.arrayContaining(names));
      proc.child.kill('SIGTERM');
      expect((await proc.exited).code).toBe(0);
    } finally {
      await own.cleanup();
    }
  });
});

/** GET on a fresh connection; resolves with the status, or the error code if the request failed. */
function get(url: string, token: string): Promise<number | string> {
  return new Promise((resolve) => {
    const failed = (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message);
    const req = request(url, { agent: false, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', failed);
    });
    req.on('error', failed);
    req.end();
  });
}

/** A JSON POST whose body is only half sent until `finish()`: a request the server is in the middle of. */
function slowPost(url: string, token: string, body: unknown): { status: Promise<number | string>; finish(): void } {
  const text = JSON.stringify(body);
  const cut = Math.floor(text.length / 2);
  let req!: ReturnType<typeof request>;
  const status = new Promise<number | string>((resolve) => {
    const failed = (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message);
    req = request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(text),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', failed);
      },
    );
    req.on('error', failed);
    req.write(text.slice(0, cut));
  });
  return { status, finish: () => req.end(text.slice(cut)) };
}
