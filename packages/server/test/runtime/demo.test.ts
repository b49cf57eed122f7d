import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoNeedsSeeding, markDemoSeeded, runDemoSeeds } from '../../src/demo/seed.js';
import { DEMO_PEOPLE, DEMO_SERVICES, DEMO_TEAMS, seedDirectory } from '../../src/domains/directory/directory.demo.js';
import type { DomainModule } from '../../src/domains/domain.js';
import { buildUser } from '../factories.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';
import { freePort, runFirebreak, startFirebreak, tempDataDir } from './process.js';

describeEachDialect('demo directory seed', (dialect) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(dialect);
    expect(await demoNeedsSeeding(t, 'the test database')).toBe(true);
    await seedDirectory(t);
  });
  afterAll(() => t.close());

  it('creates the four teams, every person and every service', async () => {
    const teams = await t.db.selectFrom('teams').select(['id', 'name']).execute();
    expect(teams.map((x) => x.name).sort()).toEqual(['Mobile', 'Payments', 'Platform', 'Support']);
    expect(await t.db.selectFrom('users').select('email').execute()).toHaveLength(DEMO_PEOPLE.length);
    const services = await t.db.selectFrom('services').select(['name', 'team_id', 'description']).execute();
    expect(services.map((s) => s.name).sort()).toEqual(DEMO_SERVICES.map((s) => s.name).sort());

    const teamName = new Map(teams.map((x) => [x.id, x.name]));
    for (const service of DEMO_SERVICES) {
      const row = services.find((s) => s.name === service.name)!;
      expect(teamName.get(row.team_id!)).toBe(service.team);
      expect(row.description.length).toBeGreaterThan(20);
    }
  });

  it('spreads people over Europe, the Americas and Asia, each reachable in more than one way', async () => {
    const users = await t.db.selectFrom('users').select(['id', 'time_zone', 'role']).execute();
    const regions = new Set(users.map((u) => u.time_zone.split('/')[0]));
    expect(regions).toEqual(new Set(['Europe', 'America', 'Asia']));
    expect(users.filter((u) => u.role === 'admin').length).toBeGreaterThan(0);
    for (const user of users) {
      const methods = await t.db.selectFrom('contact_methods').select('kind').where('user_id', '=', user.id).execute();
      expect(methods.map((m) => m.kind)).toContain('email');
      expect(methods.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('gives every team members and a manager', async () => {
    for (const team of DEMO_TEAMS) {
      const members = await t.db
        .selectFrom('team_members')
        .innerJoin('teams', 'teams.id', 'team_members.team_id')
        .select('team_members.role')
        .where('teams.name', '=', team.name)
        .execute();
      expect(members.length).toBeGreaterThanOrEqual(3);
      expect(members.filter((m) => m.role === 'manager')).toHaveLength(1);
    }
  });

  it('refuses a database that already has people, unless it seeded them itself', async () => {
    await expect(demoNeedsSeeding(t, 'the test database')).rejects.toThrow(
      /--demo needs an empty database, but the test database already has \d+ people/,
    );
    await markDemoSeeded(t);
    expect(await demoNeedsSeeding(t, 'the test database')).toBe(false);
  });
});

describeEachDialect('demo seeds of every domain', (dialect) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext(dialect);
  });
  afterAll(() => t.close());

  it('run in list order, so later domains see what earlier ones made, and a failure names its domain', async () => {
    const seen: string[] = [];
    const modules: DomainModule[] = [
      { name: 'people', demo: async (ctx) => void (await buildUser(ctx, { name: 'Seeded First' })) },
      { name: 'no-demo' },
      {
        name: 'reader',
        demo: async (ctx) => {
          const rows = await ctx.db.selectFrom('users').select('name').execute();
          seen.push(...rows.map((r) => r.name));
        },
      },
    ];
    expect(await runDemoSeeds(t, modules)).toEqual(['people', 'reader']);
    expect(seen).toEqual(['Seeded First']);

    const broken: DomainModule = { name: 'broken', demo: async () => Promise.reject(new Error('boom')) };
    await expect(runDemoSeeds(t, [broken])).rejects.toThrow('Demo data of the broken domain failed: boom');
  });
});

describe('firebreak serve --demo', () => {
  const data = tempDataDir();
  afterAll(() => data.remove());

  it('fills an empty database with the demo organisation once, and never mixes it into real data', async () => {
    const port = String(await freePort());
    const env = { FIREBREAK_DATA_DIR: data.dir, FIREBREAK_PORT: port };
    const server = startFirebreak(['serve', '--demo'], env);
    try {
      await server.waitFor(/Press Ctrl-C to stop/, 30_000);
      expect(server.stdout).toMatch(/demo data: +loaded \(directory/);
      const token = JSON.parse((await runFirebreak(['token', 'create', '--name', 'demo', '--json'], env)).stdout)
        .secret as string;
      const remote = { FIREBREAK_URL: `http://127.0.0.1:${port}`, FIREBREAK_TOKEN: token };
      const services = JSON.parse((await runFirebreak(['services', 'list', '--json'], remote)).stdout);
      expect(services.map((s: { name: string }) => s.name).sort()).toEqual(DEMO_SERVICES.map((s) => s.name).sort());
      const people = await runFirebreak(['users', 'list'], remote);
      expect(people.stdout).toContain('Priya Raman');
      expect(people.stdout).toContain('Asia/Kolkata');
    } finally {
      server.child.kill('SIGINT');
      expect((await server.exited).code).toBe(0);
    }

    // Again on the demo's own database: it starts as it is, without seeding twice.
    const again = startFirebreak(['serve', '--demo'], { ...env, FIREBREAK_PORT: String(await freePort()) });
    try {
      await again.waitFor(/Press Ctrl-C to stop/, 30_000);
      expect(again.stdout).not.toMatch(/demo data:/);
    } finally {
      again.child.kill('SIGINT');
      expect((await again.exited).code).toBe(0);
    }

    // A database with real people in it is never mixed with invented ones.
    const real = tempDataDir();
    try {
      const realEnv = { FIREBREAK_DATA_DIR: real.dir, FIREBREAK_PORT: '0' };
      expect(
        (await runFirebreak(['user', 'add', '--name', 'Real Person', '--email', 'real@example.test'], realEnv)).code,
      ).toBe(0);
      const refused = await runFirebreak(['serve', '--demo'], realEnv);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('--demo needs an empty database');
      expect(refused.stderr).toContain('Start without --demo to keep this data');
    } finally {
      real.remove();
    }
  }, 180_000);
});
