import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, describeEachDialect } from '../harness.js';
import { type FirebreakProcess, freePort, startFirebreak, tempDataDir } from '../runtime/process.js';

describeEachDialect('secrets stay out of the logs', (dialect) => {
  const data = tempDataDir();
  const password = `pw-${randomBytes(12).toString('hex')}`;
  const wrongPassword = `wrong-${randomBytes(12).toString('hex')}`;
  const bootstrapToken = `fbk_bootstrap_${randomBytes(18).toString('hex')}`;
  let env: Record<string, string>;
  let dropDatabase = async () => {};
  let server: FirebreakProcess;
  let base: string;

  beforeAll(async () => {
    env = {
      FIREBREAK_DATA_DIR: data.dir,
      FIREBREAK_PORT: String(await freePort()),
      FIREBREAK_LOG_LEVEL: 'debug',
      FIREBREAK_BOOTSTRAP_TOKEN: bootstrapToken,
    };
    if (dialect === 'postgres') {
      const database = await createTestDatabase('postgres');
      env.DATABASE_URL = database.url;
      dropDatabase = () => database.close();
    }
    base = `http://127.0.0.1:${env.FIREBREAK_PORT}`;
    server = startFirebreak(['serve'], env);
    await server.waitFor(/Press Ctrl-C to stop/);
    // On a fresh database the bootstrap token belongs to the first admin: it adds the person.
    const add = await fetch(`${base}/api/v1/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bootstrapToken}` },
      body: JSON.stringify({ name: 'Grace', email: 'grace@example.com', role: 'admin', password }),
    });
    expect(add.status, await add.clone().text()).toBe(201);
  });
  afterAll(async () => {
    await server?.kill();
    await dropDatabase();
    data.remove();
  });

  it('logs neither passwords, token secrets, session cookies nor the bootstrap token', async () => {
    const login = (pw: string) =>
      fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'grace@example.com', password: pw }),
      });
    expect((await login(wrongPassword)).status).toBe(401);
    const res = await login(password);
    expect(res.status).toBe(200);
    const cookie = /fb_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]!;
    const { csrfToken } = (await res.json()) as { csrfToken: string };

    const created = await fetch(`${base}/api/v1/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `fb_session=${cookie}`, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ name: 'ci', scope: 'write' }),
    });
    expect(created.status).toBe(201);
    const { secret } = (await created.json()) as { secret: string };

    const withToken = await fetch(`${base}/api/v1/services`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify({ name: 'Checkout' }),
    });
    expect(withToken.status).toBe(201);
    const bootstrap = await fetch(`${base}/api/v1/auth/me`, { headers: { authorization: `Bearer ${bootstrapToken}` } });
    expect(bootstrap.status).toBe(200);
    const bad = await fetch(`${base}/api/v1/auth/me`, { headers: { authorization: `Bearer ${secret}x` } });
    expect(bad.status).toBe(401);

    server.child.kill('SIGTERM');
    const run = await server.exited;
    const output = run.stdout + run.stderr;
    // Requests were logged (with their URLs): the scan below has something to scan.
    expect(output).toContain('"url":"/api/v1/tokens"');
    expect(output).toContain('"url":"/api/v1/auth/login"');
    for (const [what, value] of Object.entries({
      password,
      wrongPassword,
      secret,
      cookie,
      csrfToken,
      bootstrapToken,
    })) {
      expect(output.includes(value), `${what} appears in the logs`).toBe(false);
    }
  });
});
