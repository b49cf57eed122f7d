import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOOPBACK } from '../databases.js';

// Runs the real `firebreak` bin in a child process, the way an operator would. The
// `firebreak-source` condition loads @firebreak/cli from its TypeScript sources, so these
// tests need no build of the CLI package.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const BIN = path.join(ROOT, 'packages/server/src/bin/firebreak.ts');

/** Settings of the test runner's own environment that must not leak into the child. */
const SCRUB = /^(FIREBREAK_|DATABASE_URL$|SMTP_)/;

export type Run = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

export class FirebreakProcess {
  stdout = '';
  stderr = '';
  readonly exited: Promise<Run>;

  constructor(readonly child: ChildProcess) {
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      this.stdout += d;
    });
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      this.stderr += d;
    });
    this.exited = new Promise((resolve) =>
      child.on('close', (code, signal) => resolve({ code, signal, stdout: this.stdout, stderr: this.stderr })),
    );
  }

  /** Resolves with the first match of `pattern` in stdout; rejects if the process exits first. */
  async waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const match = this.stdout.match(pattern);
      if (match) return match;
      if (this.child.exitCode !== null || this.child.signalCode !== null) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no ${pattern} in output.\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`);
  }

  /** Stops the process if a test left it running. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }
}

/** Starts `firebreak <args>` with only the given Firebreak settings in its environment. */
export function startFirebreak(args: string[], env: Record<string, string>, stdin?: string): FirebreakProcess {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !SCRUB.test(k)));
  const child = spawn(process.execPath, ['--conditions=firebreak-source', '--import', 'tsx', BIN, ...args], {
    cwd: ROOT,
    env: { ...base, FIREBREAK_LOG_LEVEL: 'warn', FIREBREAK_OUTBOUND_ALLOW: LOOPBACK, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin?.end(stdin ?? '');
  return new FirebreakProcess(child);
}

/** Runs `firebreak <args>` to completion. */
export function runFirebreak(args: string[], env: Record<string, string>, stdin?: string): Promise<Run> {
  return startFirebreak(args, env, stdin).exited;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A private data directory, removed by the returned function. */
export function tempDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'firebreak-runtime-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Polls `url` until `accept(status)` or the deadline. Returns the last status. */
export async function pollStatus(
  url: string,
  accept: (status: number) => boolean,
  timeoutMs = 15_000,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let status = 0;
  while (Date.now() < deadline) {
    status = await fetch(url).then(
      (r) => r.status,
      () => 0,
    );
    if (accept(status)) return status;
    await new Promise((r) => setTimeout(r, 100));
  }
  return status;
}
