import { Command } from 'commander';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type App, buildApp } from '../../src/http/app.js';
import { bearer, buildService, buildTeam, buildUser, tokenFor } from '../factories.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';

// The CLI's on-call commands against a real server on a local port. The CLI package is loaded from
// its sources at run time (a static import would pull it into the server's TypeScript project).
const CLI_PROGRAM = '../../../cli/src/program.js';
type RegisterRemote = (program: Command) => void;

describeEachDialect('on-call CLI', (dialect) => {
  let t: TestContext;
  let app: App;
  let url: string;
  let token: string;

  beforeAll(async () => {
    t = await createTestContext(dialect);
    app = await buildApp(t);
    url = await app.listen({ host: '127.0.0.1', port: 0 });
    token = await tokenFor(t, await buildUser(t, { role: 'admin' }));
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  async function cli(...args: string[]): Promise<{ out: string; code: number }> {
    const { registerRemoteCommands } = (await import(/* @vite-ignore */ CLI_PROGRAM)) as {
      registerRemoteCommands: RegisterRemote;
    };
    const program = new Command('firebreak').exitOverride();
    registerRemoteCommands(program);
    const write = process.stdout.write.bind(process.stdout);
    const errWrite = process.stderr.write.bind(process.stderr);
    let out = '';
    process.stdout.write = ((chunk: string) => {
      out += chunk;
      return true;
    }) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string) => {
      out += chunk;
      return true;
    }) as typeof process.stderr.write;
    process.exitCode = 0;
    try {
      await program.parseAsync(['--url', url, '--token', token, ...args], { from: 'user' });
    } finally {
      process.stdout.write = write;
      process.stderr.write = errWrite;
    }
    const code = Number(process.exitCode ?? 0);
    process.exitCode = 0;
    return { out, code };
  }

  it('shows who is on call for a service, a schedule over a range, and adds an override', async () => {
    const ada = await buildUser(t, { name: 'Ada Lovelace' });
    const bo = await buildUser(t, { name: 'Bo Diddley' });
    const team = await buildTeam(t, { name: `CLI team ${dialect}`, members: [ada, bo] });
    const service = await buildService(t, { name: `cli-service-${dialect}`, teamId: team.id });
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/schedules',
      headers: bearer(token),
      payload: {
        name: 'CLI rotation',
        teamId: team.id,
        layers: [
          {
            name: 'Primary',
            participants: [ada.id, bo.id],
            rotation: { unit: 'day', every: 1 },
            timeZone: 'UTC',
            startDate: '2026-01-05',
          },
        ],
      },
    });
    const scheduleId = created.json().id;
    const policy = await app.inject({
      method: 'POST',
      url: '/api/v1/escalation-policies',
      headers: bearer(token),
      payload: { name: 'CLI policy', levels: [{ targets: [{ kind: 'schedule', id: scheduleId }] }] },
    });
    await app.inject({
      method: 'PUT',
      url: `/api/v1/escalation-policies/services/${service.id}`,
      headers: bearer(token),
      payload: { policyId: policy.json().policy.id },
    });

    const now = await cli('oncall', '--service', `cli-service-${dialect}`, '--at', '2026-01-05T12:00:00Z');
    expect(now.code, now.out).toBe(0);
    expect(now.out).toMatch(/1\s+Ada Lovelace\s+CLI rotation\s+2026-01-06 09:00Z/);

    const added = await cli(
      'override',
      'add',
      scheduleId,
      '--user',
      bo.email,
      '--for',
      ada.email,
      '--from',
      '2026-01-05T18:00:00Z',
      '--to',
      '2026-01-05T20:00:00Z',
      '--reason',
      'swap dinner',
    );
    expect(added.code, added.out).toBe(0);
    expect(added.out).toContain('Bo Diddley for Ada Lovelace, 2026-01-05 18:00Z → 2026-01-05 20:00Z');

    const shown = await cli(
      'schedule',
      'show',
      scheduleId,
      '--from',
      '2026-01-05T09:00:00Z',
      '--to',
      '2026-01-06T09:00:00Z',
    );
    expect(shown.code, shown.out).toBe(0);
    expect(shown.out.split('\n').filter((l) => /^\d{4}-/.test(l))).toEqual([
      expect.stringMatching(/2026-01-05 09:00Z\s+2026-01-05 18:00Z\s+Ada Lovelace\s+Primary/),
      expect.stringMatching(/2026-01-05 18:00Z\s+2026-01-05 20:00Z\s+Bo Diddley\s+override/),
      expect.stringMatching(/2026-01-05 20:00Z\s+2026-01-06 09:00Z\s+Ada Lovelace\s+Primary/),
    ]);

    const bad = await cli('oncall', '--at', 'tuesday');
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('--at: "tuesday" is not a time');
  });
});
