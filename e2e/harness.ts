/**
 * End-to-end harness: the real server as a child process on a free port with its own data
 * directory, and Debian's Chromium driven by playwright-core.
 *
 * @example
 * describeWithBrowser('sign in', () => {
 *   let h: Harness;
 *   beforeAll(async () => { h = await startHarness(); });
 *   afterAll(() => h?.close());
 * });
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ApiClient, createClient } from '@firebreak/shared';
import { type Browser, chromium } from 'playwright-core';
import { describe, it } from 'vitest';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const WEB = path.join(ROOT, 'packages/web');
const SHARED_DIST = path.join(ROOT, 'packages/shared/dist');

/**
 * `describe` when Chromium is installed. Without it the suite is skipped with a visible notice,
 * or fails when FIREBREAK_REQUIRE_BROWSER=1 (CI, where a silent skip would hide a broken UI).
 */
export function describeWithBrowser(name: string, suite: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(name, suite);
    return;
  }
  const reason = `${CHROMIUM} not found (apt-get install chromium)`;
  if (process.env.FIREBREAK_REQUIRE_BROWSER === '1') {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(`FIREBREAK_REQUIRE_BROWSER=1 but ${reason}`);
      });
    });
    return;
  }
  console.warn(`[e2e] SKIPPED "${name}": ${reason}; set FIREBREAK_REQUIRE_BROWSER=1 to fail instead`);
  describe.skip(`${name} — SKIPPED: ${reason}`, () => {
    it('skipped', () => {});
  });
}

export type RunningServer = {
  baseUrl: string;
  /** An admin API token, valid from the first start. */
  bootstrapToken: string;
  /** The typed client with the bootstrap token. */
  admin: ApiClient;
  /** What the server printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
};

export type Harness = { server: RunningServer; browser: Browser; close(): Promise<void> };

/** Builds the UI if needed, starts a server and a browser; `close()` stops both and removes the data. */
export async function startHarness(): Promise<Harness> {
  ensureWebBuilt();
  const server = await startServer();
  let browser: Browser;
  try {
    browser = await launchBrowser();
  } catch (err) {
    await server.stop();
    throw err;
  }
  return {
    server,
    browser,
    close: async () => {
      await browser.close().catch(() => {});
      await server.stop();
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * Runs `vite build` once when packages/web/dist is missing or older than any source it is built from
 * (and builds the shared and CLI workspaces first if they were never built).
 */
export function ensureWebBuilt(): void {
  // The server and the UI import these workspaces from their dist folders.
  if (!existsSync(path.join(SHARED_DIST, 'index.js'))) npm(['run', 'build', '-w', '@firebreak/shared']);
  if (!existsSync(path.join(ROOT, 'packages/cli/dist/index.js'))) npm(['run', 'build', '-w', '@firebreak/cli']);
  const built = path.join(WEB, 'dist/index.html');
  const sources = [
    path.join(WEB, 'src'),
    path.join(WEB, 'public'),
    path.join(WEB, 'index.html'),
    path.join(WEB, 'vite.config.ts'),
    SHARED_DIST,
  ];
  const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
  if (builtAt > 0 && sources.every((s) => newestMtime(s) <= builtAt)) return;
  npm(['run', 'build', '-w', '@firebreak/web']);
}

function newestMtime(file: string): number {
  if (!existsSync(file)) return 0;
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(file).reduce((max, name) => Math.max(max, newestMtime(path.join(file, name))), stat.mtimeMs);
}

function npm(args: string[]): void {
  try {
    execFileSync('npm', args, { cwd: ROOT, stdio: 'pipe', encoding: 'utf8' });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    throw new Error(`npm ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

/** A fresh server (`firebreak serve`) on SQLite in a temporary directory, ready when this resolves. */
export async function startServer(): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'firebreak-e2e-'));
  const bootstrapToken = randomBytes(24).toString('base64url').slice(0, 32);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    FIREBREAK_DATA_DIR: dataDir,
    FIREBREAK_PORT: String(port),
    FIREBREAK_HOST: '127.0.0.1',
    FIREBREAK_BOOTSTRAP_TOKEN: bootstrapToken,
    FIREBREAK_LOG_LEVEL: 'warn',
    // Webhook peers in these suites listen on loopback, which production refuses by default.
    FIREBREAK_OUTBOUND_ALLOW: '127.0.0.0/8,::1',
  };
  // The embedded database keeps every run apart; a DATABASE_URL from the shell would be shared.
  delete env.DATABASE_URL;
  delete env.FIREBREAK_CONFIG;

  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/bin/firebreak.ts', 'serve'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopChild(child, exited);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForReady(`${baseUrl}/readyz`, exited, () => output);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    baseUrl,
    bootstrapToken,
    admin: createClient({ baseUrl, token: bootstrapToken }),
    output: () => output,
    stop,
  };
}

async function waitForReady(url: string, exited: Promise<number | null>, output: () => string): Promise<void> {
  let done: number | null | undefined;
  void exited.then((code) => {
    done = code;
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (done !== undefined) throw new Error(`the server exited (code ${done}) before it was ready:\n${output()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`the server was not ready within 60 s:\n${output()}`);
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A browser tab on the server (15 s default timeout) that collects script errors and CSP
 * violations, for a suite's closing "ran without errors" check.
 *
 * @example
 * const { context, page, errors } = await openPage(h);
 */
export async function openPage(h: Harness, viewport = { width: 1440, height: 1000 }) {
  const context = await h.browser.newContext({ baseURL: h.server.baseUrl, viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) errors.push(msg.text());
  });
  return { context, page, errors };
}
