import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerRemoteCommands } from './program.js';

// The standalone `firebreak-remote` bin, run as a person would, against a small stand-in for
// the Firebreak API (the real server is exercised in packages/server/test/runtime).

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bin.ts');

type Seen = { method: string; url: string; authorization?: string; body: string };

function run(args: string[], env: Record<string, string> = {}) {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('FIREBREAK_')));
  const child = spawn(process.execPath, ['--import', 'tsx', BIN, ...args], { env: { ...base, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
}

describe('firebreak-remote', () => {
  let server: Server;
  let url: string;
  const seen: Seen[] = [];
  const services = [
    { id: 's1', name: 'checkout-api', teamId: 't1', description: 'Checkout' },
    { id: 's2', name: 'search', teamId: null, description: 'Search' },
  ];

  beforeAll(async () => {
    server = createServer(async (req: IncomingMessage, res) => {
      let body = '';
      for await (const chunk of req) body += chunk;
      seen.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization, body });
      const u = new URL(req.url!, 'http://x');
      const json = (status: number, value: unknown, type = 'application/json') => {
        res.writeHead(status, { 'content-type': type }).end(JSON.stringify(value));
      };
      if (req.headers.authorization !== 'Bearer fbk_good') {
        return json(401, { type: 'x', title: 'Unauthorized', status: 401, code: 'unauthorized', detail: 'Bad token.' });
      }
      if (u.pathname === '/api/v1/services') {
        // Two pages, to check that list commands follow nextCursor.
        return u.searchParams.get('cursor') === 'p2'
          ? json(200, { items: [services[1]], nextCursor: null })
          : json(200, { items: [services[0]], nextCursor: 'p2' });
      }
      if (u.pathname === '/api/v1/teams') {
        return json(200, { items: [{ id: 't1', name: 'Payments', description: '', members: [] }], nextCursor: null });
      }
      if (u.pathname === '/api/v1/tokens' && req.method === 'POST') {
        return json(
          400,
          {
            type: 'x',
            title: 'Bad request',
            status: 400,
            code: 'validation_failed',
            detail: 'Invalid request. body.name: Too small',
            errors: [
              { field: 'body.name', message: 'Too small' },
              { field: 'body.scope', message: 'Not allowed here' },
            ],
          },
          'application/problem+json',
        );
      }
      json(404, { type: 'x', title: 'Not found', status: 404, code: 'route_not_found', detail: 'No route.' });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('lists every page as JSON with the token from the environment', async () => {
    const result = await run(['services', 'list', '--json'], { FIREBREAK_URL: url, FIREBREAK_TOKEN: 'fbk_good' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).map((s: { name: string }) => s.name)).toEqual(['checkout-api', 'search']);
    expect(seen.filter((s) => s.url.startsWith('/api/v1/services')).map((s) => s.authorization)).toEqual([
      'Bearer fbk_good',
      'Bearer fbk_good',
    ]);
  });

  it('prints a table with team names, with --url and --token taking precedence over the environment', async () => {
    const result = await run(['services', 'list', '--url', url, '--token', 'fbk_good'], {
      FIREBREAK_URL: 'http://127.0.0.1:1',
      FIREBREAK_TOKEN: 'fbk_bad',
    });
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME +TEAM +ID +DESCRIPTION$/);
    expect(lines[1]).toMatch(/^checkout-api +Payments +s1 +Checkout$/);
    expect(lines[2]).toMatch(/^search +- +s2 +Search$/);
  });

  it('prints a problem as `error: <detail>` plus field errors the detail does not already say, and exits 1', async () => {
    const result = await run(['token', 'create', '--name', 'x'], { FIREBREAK_URL: url, FIREBREAK_TOKEN: 'fbk_good' });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: Invalid request. body.name: Too small\n  body.scope: Not allowed here\n');
    expect(JSON.parse(seen.at(-1)!.body)).toEqual({ name: 'x' });
  });

  it('says how to get a token when none is set', async () => {
    const result = await run(['whoami'], { FIREBREAK_URL: url });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: no API token: set FIREBREAK_TOKEN or pass --token/);
  });

  it('rejects a bad scope before calling the server', async () => {
    const before = seen.length;
    const result = await run(['token', 'create', '--name', 'x', '--scope', 'root'], {
      FIREBREAK_URL: url,
      FIREBREAK_TOKEN: 'fbk_good',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("argument 'root' is invalid. Allowed choices are read, write, admin.");
    expect(seen.length).toBe(before);
  });
});

describe('registerRemoteCommands', () => {
  it('mounts every remote command and the connection options into another program', () => {
    const program = new Command('firebreak');
    registerRemoteCommands(program);
    expect(program.commands.map((c) => c.name())).toEqual(
      expect.arrayContaining(['token', 'whoami', 'services', 'teams', 'users']),
    );
    const token = program.commands.find((c) => c.name() === 'token')!;
    expect(token.commands.map((c) => c.name()).sort()).toEqual(['create', 'list', 'revoke']);
    expect(program.options.map((o) => o.long)).toEqual(['--url', '--token']);
    // Without the server's local hook, token create has no offline options.
    expect(token.commands.find((c) => c.name() === 'create')!.options.map((o) => o.long)).not.toContain('--local');
  });
});
