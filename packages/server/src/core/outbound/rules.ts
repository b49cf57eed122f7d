import { type Address, type Cidr, inCidr, parseAddress, parseCidr, specialRange } from './addresses.js';

// Which hosts and addresses Firebreak may send webhooks to. The operator's allow and deny lists
// (FIREBREAK_OUTBOUND_ALLOW / _DENY: CIDRs and host names, `*.corp.example` for every name under
// it) are read once at start-up. The most specific matching entry wins: a host-name entry over
// any address entry (`*` is the least specific name), the longest prefix among address entries,
// deny on a tie. Where no entry matches, the built-in ranges (loopback, private, link-local, …)
// are refused and everything else is allowed.

type HostEntry = { pattern: string; allow: boolean };
type NetEntry = { cidr: Cidr; allow: boolean };

export type OutboundRules = { hosts: HostEntry[]; nets: NetEntry[] };

/** The rules with nothing configured: only the built-in ranges are refused. */
export const DEFAULT_OUTBOUND_RULES: OutboundRules = { hosts: [], nets: [] };

const HOST_PATTERN = /^(\*|(\*\.)?[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*)$/;

/** A host name as rules compare it: lower case, no brackets, no trailing dot. */
export const normaliseHost = (host: string) =>
  host
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase();

/**
 * Reads both lists; `problems` names every entry that is neither a CIDR nor a host name.
 *
 * @example
 * parseOutboundRules('10.0.0.0/8,mattermost.internal', '10.0.0.5')
 */
export function parseOutboundRules(allow: string, deny: string): { rules: OutboundRules; problems: string[] } {
  const rules: OutboundRules = { hosts: [], nets: [] };
  const problems: string[] = [];
  const read = (list: string, allowed: boolean, name: string) => {
    for (const entry of list
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean)) {
      const cidr = parseCidr(entry.replace(/^\[(.*)\]/, '$1'));
      const host = normaliseHost(entry);
      if (cidr) rules.nets.push({ cidr, allow: allowed });
      else if (!entry.includes('/') && HOST_PATTERN.test(host)) rules.hosts.push({ pattern: host, allow: allowed });
      else
        problems.push(`${name}: "${entry}" is neither an address range (10.0.0.0/8) nor a host name (*.corp.example)`);
    }
  };
  read(allow, true, 'FIREBREAK_OUTBOUND_ALLOW');
  read(deny, false, 'FIREBREAK_OUTBOUND_DENY');
  return { rules, problems };
}

/** How specific a host pattern is for `host`: -1 no match, else higher is more specific. */
function hostMatch(pattern: string, host: string): number {
  if (pattern === host) return Number.MAX_SAFE_INTEGER;
  if (pattern === '*') return 0;
  return pattern.startsWith('*.') && host.endsWith(pattern.slice(1)) ? pattern.length : -1;
}

function mostSpecific<T extends { allow: boolean }>(matches: { entry: T; rank: number }[]): T | undefined {
  let best: { entry: T; rank: number } | undefined;
  for (const m of matches) {
    if (!best || m.rank > best.rank || (m.rank === best.rank && !m.entry.allow)) best = m;
  }
  return best?.entry;
}

/** Why a request is refused, in words a person can act on; null when it may go. */
export type Refusal = string;

const ALLOW_HINT = 'allow it with FIREBREAK_OUTBOUND_ALLOW';

/** The verdict of the host-name entries for `host`, if one matches (IP literals match none). */
export function judgeHost(rules: OutboundRules, host: string): { allowed: true } | { refusal: Refusal } | undefined {
  const name = normaliseHost(host);
  if (parseAddress(name)) return undefined;
  const entry = mostSpecific(
    rules.hosts.map((e) => ({ entry: e, rank: hostMatch(e.pattern, name) })).filter((m) => m.rank >= 0),
  );
  if (!entry) return undefined;
  return entry.allow
    ? { allowed: true }
    : { refusal: `host ${name} is denied by FIREBREAK_OUTBOUND_DENY (${entry.pattern})` };
}

/** The verdict for one address `host` is or resolved to. */
export function judgeAddress(rules: OutboundRules, host: string, addressText: string): Refusal | null {
  const address: Address | undefined = parseAddress(addressText);
  if (!address) return `${addressText} is not an IP address`;
  const verb = normaliseHost(host) === normaliseHost(addressText) ? 'is' : `resolves to ${addressText},`;
  const entry = mostSpecific(
    rules.nets.filter((e) => inCidr(address, e.cidr)).map((e) => ({ entry: e, rank: e.cidr.bits })),
  );
  if (entry) return entry.allow ? null : `${host} ${verb} denied by FIREBREAK_OUTBOUND_DENY (${entry.cidr.text})`;
  const special = specialRange(address);
  return special ? `${host} ${verb} ${special.what} (${special.range}); ${ALLOW_HINT}` : null;
}

/**
 * The whole verdict for a host and every address it resolved to: refused if the host's name is
 * denied, or (unless its name is allowed) if any one of its addresses is, so a name with one
 * public and one private address cannot be used to reach the private one.
 */
export function judge(rules: OutboundRules, host: string, addresses: string[]): Refusal | null {
  const byName = judgeHost(rules, host);
  if (byName) return 'refusal' in byName ? byName.refusal : null;
  for (const a of addresses) {
    const refusal = judgeAddress(rules, normaliseHost(host), a);
    if (refusal) return refusal;
  }
  return null;
}
