import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { invalidField } from '../errors.js';
import { parseAddress } from './addresses.js';
import { judge, judgeHost, normaliseHost, type OutboundRules } from './rules.js';

// Outbound HTTP to addresses people typed in (webhooks, chat and ntfy URLs, status-page
// subscribers). The rules are checked where the connection is made: the agents' `lookup` resolves
// the name, judges every address it got, and hands the socket only addresses it judged, so a name
// that answers a public address to a check and a private one to the connection (DNS rebinding)
// gets nowhere. IP literals never reach a lookup, so they are judged before the request starts.
// Redirects are never followed: a 3xx is an answer like any other, for the caller to refuse.

/** Why an outbound request did not get an answer. `refused`: the rules forbid it; never retry. */
export class OutboundError extends Error {
  constructor(
    readonly kind: 'refused' | 'unreachable' | 'timeout',
    message: string,
  ) {
    super(message);
    this.name = 'OutboundError';
  }
}

export type OutboundAnswer = { status: number; headers: IncomingHttpHeaders; body: string };
export type OutboundInit = { method?: string; headers: Record<string, string>; body?: string };

/** Only this much of an answer is kept: callers read a provider id or the start of an error. */
const MAX_BODY_BYTES = 64 * 1024;

function guardedLookup(rules: OutboundRules): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, found: LookupAddress[]) => {
      if (err) return callback(err, []);
      const refusal = judge(
        rules,
        hostname,
        found.map((a) => a.address),
      );
      if (refusal) return callback(new OutboundError('refused', refusal), []);
      if (options.all) return callback(null, found);
      const [first] = found;
      return first ? callback(null, first.address, first.family) : callback(null, []);
    });
  };
}

type Agents = { 'http:': http.Agent; 'https:': https.Agent };
const agentsByRules = new WeakMap<OutboundRules, Agents>();
const trustedAgents: Agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

/** Keep-alive agents per rule set, so a pooled connection was always checked under the same rules. */
function agentsFor(rules: OutboundRules | null): Agents {
  if (!rules) return trustedAgents;
  let agents = agentsByRules.get(rules);
  if (!agents) {
    const lookup = guardedLookup(rules);
    agents = {
      'http:': new http.Agent({ keepAlive: true, lookup }),
      'https:': new https.Agent({ keepAlive: true, lookup }),
    };
    agentsByRules.set(rules, agents);
  }
  return agents;
}

/** The URL if it is http(s); otherwise a refusal. */
function httpUrl(url: string): URL {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new OutboundError('refused', `not an http(s) URL: ${url.slice(0, 200)}`);
  }
  return parsed;
}

/** Refuses an IP literal or a denied host name before any connection; names are judged again at connect time. */
function precheck(rules: OutboundRules, target: URL): void {
  const host = normaliseHost(target.hostname);
  const refusal = judge(rules, host, isLiteral(host) ? [host] : []);
  if (refusal) throw new OutboundError('refused', refusal);
}

const isLiteral = (host: string) => parseAddress(host) !== undefined;

/**
 * Sends one request and reads the answer (any status). `rules` null is for addresses from the
 * operator's own settings (the SMS provider's base URL), which the rules do not apply to.
 *
 * @example
 * const answer = await outboundRequest(ctx.config.outbound, url, { headers, body }, { timeoutMs: 10_000 });
 */
export async function outboundRequest(
  rules: OutboundRules | null,
  url: string,
  init: OutboundInit,
  options: { timeoutMs: number },
): Promise<OutboundAnswer> {
  const target = httpUrl(url);
  if (rules) precheck(rules, target);
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (err: Error | null, answer?: OutboundAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (answer) resolve(answer);
      else reject(err instanceof OutboundError ? err : unreachable(target, err));
    };
    const request = (target.protocol === 'https:' ? https : http).request(
      target,
      {
        method: init.method ?? 'POST',
        headers: init.headers,
        agent: agentsFor(rules)[target.protocol as keyof Agents],
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < MAX_BODY_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        response.on('error', (err) => finish(err));
        response.on('close', () => {
          if (!response.complete) return finish(new Error('the answer was cut off'));
          const body = Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString('utf8');
          finish(null, { status: response.statusCode ?? 0, headers: response.headers, body });
        });
      },
    );
    const timer = setTimeout(() => {
      const timeout = new OutboundError('timeout', `no answer within ${options.timeoutMs / 1000} s`);
      finish(timeout);
      request.destroy(timeout);
    }, options.timeoutMs);
    request.on('error', (err) => finish(err));
    request.end(init.body);
  });
}

function unreachable(target: URL, err: Error | null): OutboundError {
  const e = err as (Error & { code?: string }) | null;
  return new OutboundError('unreachable', `cannot reach ${target.host}: ${e?.code ?? e?.message ?? 'unknown error'}`);
}

/** How long the check at input time waits for DNS; the check at connect time is the one that counts. */
const INPUT_LOOKUP_TIMEOUT_MS = 2_000;

/**
 * Checks a URL someone is saving (a contact method, a subscriber): null when it may be used, else
 * why not. A name that does not resolve (yet) passes: it is judged again whenever it is used.
 */
export async function outboundUrlRefusal(rules: OutboundRules, url: string): Promise<string | null> {
  let target: URL;
  try {
    target = httpUrl(url);
    precheck(rules, target);
  } catch (err) {
    return (err as Error).message;
  }
  const host = normaliseHost(target.hostname);
  if (judgeHost(rules, host) || isLiteral(host)) return null;
  const addresses = await resolveAll(host);
  return judge(rules, host, addresses);
}

function resolveAll(host: string): Promise<string[]> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve([]), INPUT_LOOKUP_TIMEOUT_MS);
    dnsLookup(host, { all: true }, (err, found) => {
      clearTimeout(timer);
      resolve(err ? [] : found.map((a) => a.address));
    });
  });
}

/** Throws a 400 naming `field` when the URL may not be used (see outboundUrlRefusal). */
export async function requireOutboundUrl(rules: OutboundRules, field: string, url: string): Promise<void> {
  const refusal = await outboundUrlRefusal(rules, url);
  if (refusal) throw invalidField(field, refusal);
}
