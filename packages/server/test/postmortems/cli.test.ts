import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type ApiClient, createClient } from '@firebreak/shared';
import { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createActionItem } from '../../src/domains/postmortems/commands/action-items.js';
import { tokenFor } from '../factories.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';
import { appFor } from '../incidents/http.js';
import { DAY, person, resolvedIncident } from './helpers.js';

// The CLI package lies outside this package's TypeScript root, so its source is loaded at run time.
type Register = (program: Command, api: () => ApiClient) => void;
const CLI_COMMANDS = new URL('../../../cli/src/commands/postmortems.ts', import.meta.url).pathname;

describeEachDialect('postmortem CLI commands', (dialect) => {
  let t: TestContext;
  let app: FastifyInstance;
  let dir: string;
  let run: (...args: string[]) => Promise<string>;
  let me: Awaited<ReturnType<typeof person>>;

  beforeAll(async () => {
    t = await createTestContext(dialect);
    app = await appFor(t);
    dir = mkdtempSync(path.join(tmpdir(), 'firebreak-pm-cli-'));
    const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    me = await person(t);
    const token = await tokenFor(t, me.user);
    const { registerPostmortemCommands } = (await import(CLI_COMMANDS)) as { registerPostmortemCommands: Register };
    run = async (...args) => {
      const program = new Command('firebreak').exitOverride();
      registerPostmortemCommands(program, () => createClient({ baseUrl, token }));
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
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates, shows and exports a postmortem, and lists action items', async () => {
    const incident = await resolvedIncident(t, me.as, { title: 'Queue stuck' });
    const created = await run('postmortem', 'create', incident.number);
    expect(created).toMatch(
      new RegExp(
        `^Started the postmortem of ${incident.number} \\(.+\\); owner ${me.user.name}, draft due 2026-01-07 09:10Z\\.`,
      ),
    );

    const shown = await run('postmortem', 'show', incident.number);
    expect(shown).toContain(`${incident.number}  Postmortem: Queue stuck`);
    expect(shown).toContain('status      draft  (next: in_review)');
    expect(shown).toContain('How our incident process worked');

    const file = path.join(dir, 'pm.html');
    expect(await run('postmortem', 'export', incident.number, '--format', 'html', '-o', file)).toBe(`Wrote ${file}.\n`);
    expect(readFileSync(file, 'utf8')).toContain('<h1>Postmortem: Queue stuck</h1>');
    expect(await run('postmortem', 'export', incident.number)).toMatch(/^# Postmortem: Queue stuck\n/);

    const pm = JSON.parse(await run('postmortem', 'show', incident.number, '--json'));
    const someoneElse = await person(t);
    await createActionItem(t, me.as, {
      from: { kind: 'postmortem', id: pm.id },
      title: 'Mine and late',
      ownerId: me.user.id,
      dueAt: new Date(t.clock.now() - DAY).toISOString(),
    });
    await createActionItem(t, me.as, {
      from: { kind: 'postmortem', id: pm.id },
      title: 'Theirs and late',
      ownerId: someoneElse.user.id,
      dueAt: new Date(t.clock.now() - DAY).toISOString(),
    });
    await createActionItem(t, me.as, {
      from: { kind: 'postmortem', id: pm.id },
      title: 'Mine, no due date',
      ownerId: me.user.id,
    });

    const mineOverdue = await run('actions', 'list', '--overdue', '--mine');
    expect(mineOverdue).toContain('Mine and late');
    expect(mineOverdue).toContain('open (overdue)');
    expect(mineOverdue).not.toContain('Theirs and late');
    expect(mineOverdue).not.toContain('Mine, no due date');
    const mine = await run('actions', 'list', '--mine');
    expect(mine).toContain('Mine, no due date');
    const all = JSON.parse(await run('actions', 'list', '--overdue', '--json'));
    expect(all.items.map((i: { title: string }) => i.title).sort()).toEqual(['Mine and late', 'Theirs and late']);
  });
});
