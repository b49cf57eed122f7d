import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG_URL, REQUIRE_PG } from '../harness.js';
import { type FirebreakProcess, freePort, pollStatus, runFirebreak, startFirebreak, tempDataDir } from './process.js';

// Loses PostgreSQL for real while the server runs: connections to its database are cut and
// refused (ALLOW_CONNECTIONS false + pg_terminate_backend), then allowed again.

const suite = PG_URL ? describe : describe.skip;
const title = PG_URL
  ? 'database lost while running [postgres]'
  : 'database lost while running [postgres] — SKIPPED: set FIREBREAK_TEST_PG_URL to run on PostgreSQL';

if (!PG_URL && REQUIRE_PG) {
  describe('database lost while running [postgres]', () => {
    it('needs PostgreSQL', () => {
      throw new Error('FIREBREAK_REQUIRE_PG=1 but FIREBREAK_TEST_PG_URL is not set');
    });
  });
}

suite(title, () => {
  const name = `fbt_outage_${Date.now().toString(36)}`;
  const data = tempDataDir();
  let server: FirebreakProcess;
  let base: string;
  let token: string;

  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${name}`);
    const url = new URL(PG_URL!);
    url.pathname = `/${name}`;
    const port = await freePort();
    const env = { FIREBREAK_DATA_DIR: data.dir, FIREBREAK_PORT: String(port), DATABASE_URL: url.toString() };
    base = `http://127.0.0.1:${port}`;
    server = startFirebreak(['serve'], env);
    await server.waitFor(/Press Ctrl-C to stop/);
    token = JSON.parse((await runFirebreak(['token', 'create', '--name', 'probe', '--json'], env)).stdout).secret;
  });

  afterAll(async () => {
    await server?.kill();
    await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`).catch(() => {});
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    data.remove();
  });

  it('answers 503 while the database is gone and recovers by itself when it is back', async () => {
    const services = () => fetch(`${base}/api/v1/services`, { headers: { authorization: `Bearer ${token}` } });
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect((await services()).status).toBe(200);

    await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);

    const diagnostics = () =>
      `server exit ${server.child.exitCode}\nstdout:\n${server.stdout}\nstderr:\n${server.stderr}`;
    expect(await pollStatus(`${base}/readyz`, (s) => s === 503), diagnostics()).toBe(503);
    for (let i = 0; i < 3; i++) {
      const res = await services();
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(await res.json()).toMatchObject({ status: 503, code: 'database_unavailable' });
    }
    expect(server.child.exitCode).toBeNull(); // still up, not crashed

    await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    expect(await pollStatus(`${base}/readyz`, (s) => s === 200), diagnostics()).toBe(200);
    expect((await services()).status).toBe(200);

    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  });
});
