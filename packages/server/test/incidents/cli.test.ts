import { type ApiClient, createClient } from '@firebreak/shared';
import { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { tokenFor } from '../factories.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';
import { person } from './helpers.js';
import { appFor } from './http.js';

// The CLI package lies outside this package's TypeScript root, so its source is loaded at run time
// (vitest compiles it) rather than imported statically.
type Register = (program: Command, api: () => ApiClient) => void;
const CLI_COMMANDS = new URL('../../../cli/src/commands/incidents.ts', import.meta.url).pathname;

describeEachDialect('incident CLI commands', (dialect) => {
  let t: TestContext;
  let app: FastifyInstance;
  let run: (...args: string[]) => Promise<string>;

  beforeAll(async () => {
    t = await createTestContext(dialect);
    app = await appFor(t);
    const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    const { user } = await person(t);
    const token = await tokenFor(t, user);
    const { registerIncidentCommands } = (await import(CLI_COMMANDS)) as { registerIncidentCommands: Register };
    run = async (...args) => {
      const program = new Command('firebreak').exitOverride();
      registerIncidentCommands(program, () => createClient({ baseUrl, token }));
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
    await app.close();
    await t.close();
  });

  it('declares, notes, decides, updates, resolves and lists', async () => {
    const declared = await run(
      'declare',
      'Checkout is failing',
      '--severity',
      'sev2',
      '--summary',
      'Card payments time out',
    );
    const number = /Declared (INC-\d+) \(Sev2\) — channel #inc-2026-01-05-checkout-is-failing/.exec(declared)?.[1];
    expect(number).toBeDefined();
    expect(await run('note', number!, 'Rolled back build 812')).toMatch(/^Noted at /);
    expect(
      await run('decide', number!, '-q', 'Roll back?', '-o', 'Roll back: fast', '-o', 'Patch: slow', '-c', 'Roll back'),
    ).toBe('Decided: Roll back? → Roll back\n');
    expect(await run('update', number!, 'Rolling back', '--next', '20')).toMatch(/^Update posted; next one due /);
    expect(await run('severity', number!, 'sev1', '--reason', 'Data loss')).toBe(`${number}: now Sev1\n`);
    expect(await run('resolve', number!)).toBe(`${number}: now resolved\n`);
    const list = await run('incidents', 'list', '--status', 'resolved');
    expect(list).toContain(number);
    expect(list).toContain('Checkout is failing');
    const show = JSON.parse(await run('incidents', 'show', number!, '--json'));
    expect(show.timeline.items.map((e: { kind: string }) => e.kind)).toEqual([
      'status_changed',
      'severity_changed',
      'status_update',
      'decision',
      'note',
      'declared',
    ]);
  });
});
