import { type ApiClient, createClient } from '@firebreak/shared';
import { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { buildService, buildTeam, buildUser, tokenFor } from '../factories.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';
import { viewer } from '../incidents/helpers.js';
import { MIN, playIncident } from './world.js';

// The CLI package lies outside this package's TypeScript root, so its source is loaded at run time.
type Register = (program: Command, api: () => ApiClient) => void;
const CLI_COMMANDS = new URL('../../../cli/src/commands/report.ts', import.meta.url).pathname;

describeEachDialect('firebreak report', (dialect) => {
  let t: TestContext;
  let app: FastifyInstance;
  let run: (...args: string[]) => Promise<string>;

  beforeAll(async () => {
    t = await createTestContext(dialect);
    app = await buildApp(t);
    const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    const me = await buildUser(t, { name: 'Rae Reporter' });
    const token = await tokenFor(t, me);
    const team = await buildTeam(t, { name: 'Storage', members: [me] });
    const service = await buildService(t, { teamId: team.id });
    await t.clock.set(Date.parse('2026-01-12T10:00:00Z'));
    await playIncident(t, viewer(me), {
      severity: 'sev2',
      detectedAgo: 15 * MIN,
      serviceIds: [service.id],
      steps: [
        { at: 10, update: 'stakeholders' },
        { at: 45, status: 'resolved' },
      ],
    });
    await playIncident(t, viewer(me), { severity: 'sev3', detectedAgo: 0, steps: [{ at: 120, status: 'resolved' }] });
    const { registerReportCommands } = (await import(CLI_COMMANDS)) as { registerReportCommands: Register };
    run = async (...args) => {
      const program = new Command('firebreak').exitOverride();
      registerReportCommands(program, () => createClient({ baseUrl, token }));
      const out: string[] = [];
      const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
        out.push(String(chunk));
        return true;
      });
      try {
        await program.parseAsync(['node', 'firebreak', ...args]);
      } finally {
        spy.mockRestore();
      }
      return out.join('');
    };
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  it('prints a Markdown monthly review', async () => {
    const md = await run('report', '--from', '2026-01-01', '--to', '2026-02-01');
    expect(md).toContain('# Incident review 2026-01-01 – 2026-01-31');
    expect(md).toContain('| Incidents | 2 | 0 |');
    expect(md).toContain('| Sev2 | 1 |');
    // MTTR: 60 min (sev2, detected 15 min early) and 120 min (sev3).
    expect(md).toContain('| Resolve (detected → resolved) | 2 | 1 h 30 min | 1 h 30 min | 1 h 54 min |');
    expect(md).toContain('| Sev2 | 30 min | 1/1 (100%) | 0/0 (-) | 35 min |');
  });

  it('filters by team name, and prints CSV or JSON', async () => {
    const md = await run('report', '--from', '2026-01-01', '--team', 'storage');
    expect(md).toContain('(Storage)');
    expect(md).toContain('| Incidents | 1 | 0 |');
    const csv = await run('report', '--from', '2026-01-01', '--format', 'csv');
    expect(csv.split('\r\n')[0]).toBe('metric,current,previous');
    expect(csv).toContain('incidents,2,0\r\n');
    expect(csv).toContain('mttr_p50_min,90,\r\n');
    const json = JSON.parse(await run('report', '--from', '2026-01-01', '--format', 'json'));
    expect(json.response.resolve.count).toBe(2);
    expect(json.summary.range.from).toBe('2026-01-01T00:00:00.000Z');
    expect(json.summary.range.to).toBe('2026-02-01T00:00:00.000Z');
  });
});
