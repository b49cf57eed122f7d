import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { type OutboundRules, parseOutboundRules } from './outbound/rules.js';

const Port = z.coerce.number().int().min(0).max(65535);
const Bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/** Every setting, as environment variables name them. The optional config file uses the same names. */
const EnvSchema = z.object({
  FIREBREAK_PORT: Port.default(8080).describe('Port to listen on'),
  FIREBREAK_HOST: z.string().min(1).default('127.0.0.1').describe('Address to listen on; 0.0.0.0 for all interfaces'),
  FIREBREAK_DATA_DIR: z.string().min(1).default('./data').describe('Where the SQLite database and backups live'),
  DATABASE_URL: z
    .string()
    .regex(/^(postgres|postgresql|sqlite):/, 'must start with postgres://, postgresql:// or sqlite:')
    .optional()
    .describe('postgres://… to use PostgreSQL; unset for the embedded SQLite database'),
  FIREBREAK_PUBLIC_URL: z.url().optional().describe('URL people reach Firebreak at, used in links and emails'),
  FIREBREAK_SECRET_KEY: z
    .string()
    .min(32, 'must be at least 32 characters')
    .optional()
    .describe('Signs links and cookies; generated and kept in the data directory when unset'),
  FIREBREAK_BOOTSTRAP_TOKEN: z
    .string()
    .min(24, 'must be at least 24 characters')
    .optional()
    .describe('On a fresh database, becomes an admin API token (for automation)'),
  FIREBREAK_ORG_TIMEZONE: z
    .string()
    .default('UTC')
    .describe('Organisation time zone (IANA), used for channel names and business days'),
  FIREBREAK_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('Log level; logs are JSON lines on stdout'),
  FIREBREAK_SCHEDULER: Bool.default(true).describe('Run the job scheduler in this process'),
  FIREBREAK_JOB_LEASE_SECONDS: z.coerce
    .number()
    .min(1)
    .max(600)
    .default(4)
    .describe('How long a job stays with the process running it unless renewed; another process takes it over after'),
  FIREBREAK_JOB_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1)
    .max(256)
    .default(16)
    .describe('Jobs (escalation steps, deliveries, reminders) one process runs at once'),
  FIREBREAK_INGEST_MAX_QUEUED_EVENTS: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(20_000)
    .describe('Inbound events waiting for their transaction at most; beyond it senders get 429 with Retry-After'),
  FIREBREAK_TRUST_PROXY: z
    .string()
    .default('')
    .describe(
      'Trust X-Forwarded-For from these proxies: "true", a hop count, or comma-separated addresses/CIDRs; empty trusts none',
    ),
  FIREBREAK_SECURE_COOKIES: Bool.optional().describe(
    'Mark cookies Secure; defaults to true when the public URL is https',
  ),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must look like smtp://user:pass@host:587 or smtps://…')
    .optional()
    .describe('Outgoing mail server'),
  SMTP_FROM: z.string().default('Firebreak <firebreak@localhost>').describe('From address of outgoing mail'),
  TWILIO_BASE_URL: z
    .url()
    .default('https://api.twilio.com')
    .describe('SMS and voice provider API (Twilio or a compatible service)'),
  TWILIO_ACCOUNT_SID: z.string().optional().describe('Provider account SID; SMS and voice are off without it'),
  TWILIO_AUTH_TOKEN: z.string().optional().describe('Provider auth token'),
  TWILIO_FROM: z.string().optional().describe('Phone number SMS and calls come from, e.g. +4930123456'),
  FIREBREAK_OIDC_ISSUER: z.url().optional().describe('OpenID Connect issuer URL; single sign-on is off without it'),
  FIREBREAK_OIDC_CLIENT_ID: z.string().optional().describe('Client id registered at the identity provider'),
  FIREBREAK_OIDC_CLIENT_SECRET: z.string().optional().describe('Client secret; omit for a public client (PKCE only)'),
  FIREBREAK_OIDC_GROUP_ROLES: z
    .string()
    .default('*=viewer')
    .describe('Groups to roles, highest wins, e.g. "sre-admins=admin,sre=responder,*=viewer"; * is everyone else'),
  FIREBREAK_OIDC_GROUPS_CLAIM: z.string().min(1).default('groups').describe('Claim that lists a person’s groups'),
  FIREBREAK_OIDC_SCOPES: z
    .string()
    .default('openid email profile')
    .describe('Scopes to ask for; add the one that releases groups (often "groups")'),
  FIREBREAK_OUTBOUND_ALLOW: z
    .string()
    .default('')
    .describe(
      'Webhook destinations allowed although internal: comma-separated CIDRs and host names, e.g. "10.0.0.0/8,mattermost.internal,*.corp.example"',
    ),
  FIREBREAK_OUTBOUND_DENY: z
    .string()
    .default('')
    .describe('Webhook destinations refused besides loopback, private and link-local addresses: CIDRs and host names'),
  FIREBREAK_CONFIG: z.string().optional().describe('Path of an optional JSON config file with the same keys'),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string;
  secretKey: string | undefined;
  bootstrapToken: string | undefined;
  orgTimeZone: string;
  logLevel: z.infer<typeof EnvSchema>['FIREBREAK_LOG_LEVEL'];
  runScheduler: boolean;
  /** Scheduler lease and parallelism (see core/scheduler/README.md). */
  jobs: { leaseMs: number; concurrency: number };
  /** Inbound events waiting to be committed at most, per process (alerts/ingest/ingest-queue.ts). */
  ingestMaxQueuedEvents: number;
  secureCookies: boolean;
  /** Fastify `trustProxy`: false, true, a hop count or a list of addresses. */
  trustProxy: boolean | number | string[];
  smtpUrl: string | undefined;
  smtpFrom: string;
  /** SMS and voice provider (Twilio-compatible); off unless SID, token and sender are set. */
  twilio: { baseUrl: string; accountSid: string; authToken: string; from: string } | undefined;
  /** Single sign-on through OpenID Connect; off unless issuer and client id are set. */
  oidc: OidcConfig | undefined;
  /** Where webhooks may go (core/outbound/README.md). */
  outbound: OutboundRules;
};

/** A configuration problem, reported before anything starts. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Documented settings, for `--help` and the README table. */
export const CONFIG_KEYS = Object.entries(EnvSchema.shape).map(([key, schema]) => ({
  key,
  description: schema.description ?? '',
}));

/**
 * Reads and validates configuration from the environment (and the optional file).
 *
 * @example
 * const config = loadConfig({ FIREBREAK_PORT: '9090' });
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const fileValues = env.FIREBREAK_CONFIG ? readConfigFile(env.FIREBREAK_CONFIG) : {};
  const merged: Record<string, unknown> = { ...fileValues };
  for (const key of Object.keys(EnvSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') merged[key] = value;
  }
  const parsed = EnvSchema.safeParse(merged);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`));
  }
  const e = parsed.data;
  if (!isTimeZone(e.FIREBREAK_ORG_TIMEZONE)) {
    throw new ConfigError([`FIREBREAK_ORG_TIMEZONE: "${e.FIREBREAK_ORG_TIMEZONE}" is not an IANA time zone name`]);
  }
  const publicUrl = (e.FIREBREAK_PUBLIC_URL ?? `http://localhost:${e.FIREBREAK_PORT}`).replace(/\/$/, '');
  return {
    port: e.FIREBREAK_PORT,
    host: e.FIREBREAK_HOST,
    dataDir: path.resolve(e.FIREBREAK_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    publicUrl,
    secretKey: e.FIREBREAK_SECRET_KEY,
    bootstrapToken: e.FIREBREAK_BOOTSTRAP_TOKEN,
    orgTimeZone: e.FIREBREAK_ORG_TIMEZONE,
    logLevel: e.FIREBREAK_LOG_LEVEL,
    runScheduler: e.FIREBREAK_SCHEDULER,
    jobs: { leaseMs: e.FIREBREAK_JOB_LEASE_SECONDS * 1000, concurrency: e.FIREBREAK_JOB_CONCURRENCY },
    ingestMaxQueuedEvents: e.FIREBREAK_INGEST_MAX_QUEUED_EVENTS,
    secureCookies: e.FIREBREAK_SECURE_COOKIES ?? publicUrl.startsWith('https:'),
    trustProxy: parseTrustProxy(e.FIREBREAK_TRUST_PROXY),
    smtpUrl: e.SMTP_URL,
    smtpFrom: e.SMTP_FROM,
    twilio:
      e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN && e.TWILIO_FROM
        ? {
            baseUrl: e.TWILIO_BASE_URL.replace(/\/$/, ''),
            accountSid: e.TWILIO_ACCOUNT_SID,
            authToken: e.TWILIO_AUTH_TOKEN,
            from: e.TWILIO_FROM,
          }
        : undefined,
    oidc: oidcConfig(e),
    outbound: outboundRules(e),
  };
}

function outboundRules(e: z.infer<typeof EnvSchema>): OutboundRules {
  const { rules, problems } = parseOutboundRules(e.FIREBREAK_OUTBOUND_ALLOW, e.FIREBREAK_OUTBOUND_DENY);
  if (problems.length > 0) throw new ConfigError(problems);
  return rules;
}

export type OidcConfig = {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  /** In order of appearance; `group: '*'` matches everyone. */
  groupRoles: { group: string; role: 'viewer' | 'responder' | 'admin' }[];
  groupsClaim: string;
  scopes: string;
};

function oidcConfig(e: z.infer<typeof EnvSchema>): OidcConfig | undefined {
  if (!e.FIREBREAK_OIDC_ISSUER && !e.FIREBREAK_OIDC_CLIENT_ID) return undefined;
  if (!e.FIREBREAK_OIDC_ISSUER || !e.FIREBREAK_OIDC_CLIENT_ID) {
    throw new ConfigError(['FIREBREAK_OIDC_ISSUER and FIREBREAK_OIDC_CLIENT_ID: set both to turn on single sign-on']);
  }
  const groupRoles = e.FIREBREAK_OIDC_GROUP_ROLES.split(',')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const at = pair.lastIndexOf('=');
      const group = pair.slice(0, at).trim();
      const role = pair.slice(at + 1).trim();
      if (at <= 0 || !group || (role !== 'viewer' && role !== 'responder' && role !== 'admin')) {
        throw new ConfigError([
          `FIREBREAK_OIDC_GROUP_ROLES: "${pair}" is not group=role (role viewer, responder or admin)`,
        ]);
      }
      return { group, role: role as 'viewer' | 'responder' | 'admin' };
    });
  return {
    issuer: e.FIREBREAK_OIDC_ISSUER,
    clientId: e.FIREBREAK_OIDC_CLIENT_ID,
    clientSecret: e.FIREBREAK_OIDC_CLIENT_SECRET || undefined,
    groupRoles,
    groupsClaim: e.FIREBREAK_OIDC_GROUPS_CLAIM,
    scopes: e.FIREBREAK_OIDC_SCOPES,
  };
}

function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError([`FIREBREAK_CONFIG: cannot read ${file} (${(err as Error).message})`]);
  }
  try {
    const value = JSON.parse(text) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('not a JSON object');
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : String(v)]));
  } catch (err) {
    throw new ConfigError([`FIREBREAK_CONFIG: ${file} is not a JSON object of settings (${(err as Error).message})`]);
  }
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function parseTrustProxy(value: string): boolean | number | string[] {
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}
