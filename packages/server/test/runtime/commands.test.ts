import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFirebreak, tempDataDir } from './process.js';

describe('firebreak bin: configuration and offline commands', () => {
  const dirs: { remove(): void }[] = [];
  /** Each test gets a data directory of its own. */
  const freshEnv = () => {
    const data = tempDataDir();
    dirs.push(data);
    return { FIREBREAK_DATA_DIR: data.dir };
  };
  afterAll(() => {
    for (const d of dirs) d.remove();
  });

  it('rejects a bad setting with exit code 2 and names the variable', async () => {
    const env = freshEnv();
    const run = await runFirebreak(['serve'], { ...env, FIREBREAK_PORT: 'eighty' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Invalid configuration');
    expect(run.stderr).toContain('FIREBREAK_PORT');
    expect(run.stdout).not.toContain('running at');
  });

  it('reports an unreachable PostgreSQL with exit code 1, naming the database but not the password', async () => {
    const env = freshEnv();
    const run = await runFirebreak(['serve'], {
      ...env,
      DATABASE_URL: 'postgres://firebreak:hunter2-secret@127.0.0.1:1/x',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Cannot reach the database (PostgreSQL 127.0.0.1:1/x)');
    expect(run.stderr).toContain('ECONNREFUSED');
    expect(run.stderr + run.stdout).not.toContain('hunter2-secret');
    expect(run.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });

  it('doctor fails on a fresh data directory and says to migrate', async () => {
    const env = freshEnv();
    const run = await runFirebreak(['doctor'], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✓ configuration');
    expect(run.stdout).toMatch(/✗ database: .*firebreak\.db does not exist yet: run `firebreak migrate`/);
    expect(run.stdout).toMatch(/✓ data directory: .* is writable/);
  });

  it('migrate applies the migrations once, then doctor finds the database ready', async () => {
    const env = freshEnv();
    const first = await runFirebreak(['migrate'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Applied \d+ migration\(s\) to SQLite/);
    const again = await runFirebreak(['migrate'], env);
    expect(again.stdout).toContain('is up to date');
    const doctor = await runFirebreak(['doctor'], env);
    expect(doctor.stdout).toMatch(/✓ database: SQLite .* answers; all \d+ migrations applied/);
    expect(doctor.stdout).toMatch(/– SMTP: SMTP_URL not set/);
  });

  it('doctor reports an SMTP server that does not answer', async () => {
    const env = freshEnv();
    const run = await runFirebreak(['doctor'], { ...env, SMTP_URL: 'smtp://mailer:pw-secret@127.0.0.1:1' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✗ SMTP: smtp:\/\/127\.0\.0\.1:1: .*ECONNREFUSED/);
    expect(run.stdout).not.toContain('pw-secret');
  });

  it('adds a person with a password from stdin, and refuses the same email twice', async () => {
    const env = freshEnv();
    const args = ['user', 'add', '--name', 'Ada Lovelace', '--email', 'Ada@Example.com', '--role', 'admin'];
    const added = await runFirebreak([...args, '--password-stdin'], env, 'correct horse battery staple\n');
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('Added Ada Lovelace <ada@example.com> (admin, UTC).');
    expect(added.stdout).not.toContain('/auth/link');

    const again = await runFirebreak(args, env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('error: Someone already signs in as ada@example.com.');
  });

  it('rejects an invalid role before touching the database', async () => {
    const env = freshEnv();
    const run = await runFirebreak(['user', 'add', '--name', 'X', '--email', 'x@example.com', '--role', 'owner'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("argument 'owner' is invalid");
  });

  it('prints a one-time sign-in link for a known person, and a clear error for an unknown one', async () => {
    const env = freshEnv();
    await runFirebreak(['user', 'add', '--name', 'Ada Lovelace', '--email', 'ada@example.com'], env);
    const link = await runFirebreak(['user', 'link', 'ada@example.com'], env);
    expect(link.code).toBe(0);
    expect(link.stdout).toMatch(/http:\/\/localhost:8080\/auth\/link\?token=fbl_\S+/);
    const unknown = await runFirebreak(['user', 'link', 'nobody@example.com'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('error: No one signs in as nobody@example.com.');
  });

  it('creates a token offline for a named person with --local, even when a server URL is set', async () => {
    const env = { ...freshEnv(), FIREBREAK_URL: 'http://127.0.0.1:1' };
    const added = await runFirebreak(['user', 'add', '--name', 'Grace Hopper', '--email', 'grace@example.com'], env);
    expect(added.stdout).toContain('Send them this one-time sign-in link:');
    const args = ['token', 'create', '--local', '--name', 'ci', '--scope', 'read', '--user', 'grace@example.com'];
    const created = await runFirebreak([...args, '--json'], env);
    expect(created.stderr).toBe('');
    expect(JSON.parse(created.stdout)).toMatchObject({
      name: 'ci',
      scope: 'read',
      secret: expect.stringMatching(/^fbk_/),
    });

    const human = await runFirebreak(args, env);
    expect(human.stdout).toMatch(/shown only once:\n\n {2}fbk_\S+\n/);

    const unknown = await runFirebreak(['token', 'create', '--local', '--name', 'x', '--user', 'no@example.com'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('error: No one signs in as no@example.com.');
  });
});

describe('firebreak bin: help', () => {
  let help: string;
  beforeAll(async () => {
    help = (await runFirebreak(['--help'], {})).stdout;
  });

  it('lists server and remote commands in their own groups, and every setting', () => {
    expect(help).toContain('Server commands');
    expect(help).toContain('Remote commands');
    for (const command of ['serve', 'migrate', 'doctor', 'user', 'token', 'whoami', 'services', 'teams', 'users']) {
      expect(help).toMatch(new RegExp(`\\n  ${command}\\b`));
    }
    expect(help).toContain('DATABASE_URL');
    expect(help).toContain('FIREBREAK_TOKEN');
  });

  it('explains when token create works offline', async () => {
    const run = await runFirebreak(['token', 'create', '--help'], {});
    expect(run.stdout).toContain('--local');
    expect(run.stdout).toContain('--user <email>');
    expect(run.stdout.replace(/\s+/g, ' ')).toContain('Without --url or FIREBREAK_URL (or with --local)');
  });
});
