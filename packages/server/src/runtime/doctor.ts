import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import nodemailer from 'nodemailer';
import type { Config } from '../core/config.js';
import { migrations } from '../core/db/migrations/index.js';
import { WEB_DIST } from '../http/plugins/web.js';
import { openReachableDatabase } from './database.js';
import { secretKeyFile } from './secret-key.js';

export type Check = { name: string; status: 'ok' | 'fail' | 'skip'; detail: string };

/**
 * Checks what a running Firebreak needs, without changing anything: the database answers and is
 * migrated, the data directory is writable, the secret key is private, the web UI is built, and
 * the mail server answers when one is configured.
 */
export async function runDoctor(config: Config): Promise<Check[]> {
  return [
    await checkDatabase(config),
    checkDataDir(config),
    checkSecretKey(config),
    checkWebUi(),
    await checkSmtp(config),
  ];
}

async function checkDatabase(config: Config): Promise<Check> {
  const name = 'database';
  const sqliteFile = !config.databaseUrl ? path.join(config.dataDir, 'firebreak.db') : undefined;
  if (sqliteFile && !existsSync(sqliteFile)) {
    return {
      name,
      status: 'fail',
      detail: `${sqliteFile} does not exist yet: run \`firebreak migrate\` or start the server`,
    };
  }
  let database: Awaited<ReturnType<typeof openReachableDatabase>>;
  try {
    database = await openReachableDatabase(config);
  } catch (err) {
    return { name, status: 'fail', detail: (err as Error).message.split('\n')[0]! };
  }
  try {
    const provider: MigrationProvider = { getMigrations: async () => migrations as Record<string, Migration> };
    const known = await new Migrator({ db: database.db, provider }).getMigrations();
    const pending = known.filter((m) => !m.executedAt).map((m) => m.name);
    if (pending.length) {
      return {
        name,
        status: 'fail',
        detail: `${database.describe} answers, but ${pending.length} migration(s) are pending (${pending.join(', ')}): run \`firebreak migrate\``,
      };
    }
    return { name, status: 'ok', detail: `${database.describe} answers; all ${known.length} migrations applied` };
  } catch (err) {
    return { name, status: 'fail', detail: `${database.describe}: cannot read migrations (${(err as Error).message})` };
  } finally {
    await database.close();
  }
}

function checkDataDir(config: Config): Check {
  const probe = path.join(config.dataDir, `.doctor-${process.pid}`);
  try {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(probe, 'ok');
    rmSync(probe);
    return { name: 'data directory', status: 'ok', detail: `${config.dataDir} is writable` };
  } catch (err) {
    return { name: 'data directory', status: 'fail', detail: `${config.dataDir}: ${(err as Error).message}` };
  }
}

function checkSecretKey(config: Config): Check {
  const name = 'secret key';
  if (config.secretKey) return { name, status: 'ok', detail: 'set by FIREBREAK_SECRET_KEY' };
  const file = secretKeyFile(config);
  if (!existsSync(file)) return { name, status: 'ok', detail: `will be generated in ${file} on first start` };
  const mode = statSync(file).mode & 0o777;
  if (mode & 0o077) {
    return { name, status: 'fail', detail: `${file} is readable by others (mode ${mode.toString(8)}): chmod 600 it` };
  }
  return { name, status: 'ok', detail: `${file} (mode 600)` };
}

function checkWebUi(): Check {
  const index = path.join(WEB_DIST, 'index.html');
  return existsSync(index)
    ? { name: 'web UI', status: 'ok', detail: `built at ${WEB_DIST}` }
    : { name: 'web UI', status: 'fail', detail: `not built (${index} missing): run \`npm run build\`` };
}

async function checkSmtp(config: Config): Promise<Check> {
  if (!config.smtpUrl) return { name: 'SMTP', status: 'skip', detail: 'SMTP_URL not set: email notifications are off' };
  const host = safeHost(config.smtpUrl);
  const transport = nodemailer.createTransport(config.smtpUrl, {
    connectionTimeout: 5000,
    greetingTimeout: 5000,
    socketTimeout: 5000,
  } as never);
  try {
    await transport.verify();
    return { name: 'SMTP', status: 'ok', detail: `${host} accepts connections` };
  } catch (err) {
    return { name: 'SMTP', status: 'fail', detail: `${host}: ${(err as Error).message}` };
  } finally {
    transport.close();
  }
}

// Name the mail server without its credentials.
function safeHost(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ''}`;
  } catch {
    return 'SMTP_URL';
  }
}

export function formatCheck(check: Check): string {
  const mark = check.status === 'ok' ? '✓' : check.status === 'fail' ? '✗' : '–';
  return `${mark} ${check.name}: ${check.detail}`;
}
