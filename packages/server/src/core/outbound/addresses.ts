import { isIPv4, isIPv6 } from 'node:net';

// IP addresses as 16 bytes. IPv4 is held IPv4-mapped (::ffff:a.b.c.d), so one table of ranges
// covers both families and a mapped spelling of a private IPv4 address matches its IPv4 range.

export type Address = Uint8Array;
export type Cidr = { text: string; base: Address; bits: number };

const MAPPED_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

function fromIPv4(text: string): Address {
  return Uint8Array.from([...MAPPED_PREFIX, ...text.split('.').map(Number)]);
}

function fromIPv6(text: string): Address {
  let head = text;
  let embedded: number[] = [];
  if (text.includes('.')) {
    const at = text.lastIndexOf(':');
    embedded = text
      .slice(at + 1)
      .split('.')
      .map(Number);
    head = `${text.slice(0, at + 1)}0:0`;
  }
  const [left = '', right] = head.split('::');
  const groupsOf = (part: string) => (part ? part.split(':') : []);
  const l = groupsOf(left);
  const r = right === undefined ? [] : groupsOf(right);
  const groups = right === undefined ? l : [...l, ...Array<string>(8 - l.length - r.length).fill('0'), ...r];
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    const value = Number.parseInt(g, 16);
    bytes[i * 2] = value >> 8;
    bytes[i * 2 + 1] = value & 0xff;
  });
  if (embedded.length === 4) bytes.set(embedded, 12);
  return bytes;
}

/**
 * An address from its text (dotted IPv4, IPv6 with or without brackets and zone); undefined for
 * anything else. Host names are not addresses: `new URL()` has already turned `2130706433` and
 * `0x7f.1` into `127.0.0.1`, so only canonical spellings reach this.
 *
 * @example
 * parseAddress('[::ffff:7f00:1]') // the same 16 bytes as parseAddress('127.0.0.1')
 */
export function parseAddress(text: string): Address | undefined {
  const bare = text.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  if (isIPv4(bare)) return fromIPv4(bare);
  if (isIPv6(bare)) return fromIPv6(bare);
  return undefined;
}

/** `10.0.0.0/8`, `fc00::/7`, or a single address (a /32 or /128); undefined when unreadable. */
export function parseCidr(text: string): Cidr | undefined {
  const [addressText = '', bitsText, extra] = text.split('/');
  const base = parseAddress(addressText);
  if (!base || extra !== undefined) return undefined;
  const v4 = isIPv4(addressText);
  const max = v4 ? 32 : 128;
  if (bitsText !== undefined && !/^\d{1,3}$/.test(bitsText)) return undefined;
  const bits = bitsText === undefined ? max : Number(bitsText);
  if (bits > max) return undefined;
  return { text, base, bits: v4 ? bits + 96 : bits };
}

export function inCidr(address: Address, cidr: Cidr): boolean {
  const whole = cidr.bits >> 3;
  for (let i = 0; i < whole; i++) if (address[i] !== cidr.base[i]) return false;
  const rest = cidr.bits & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((address[whole] ?? 0) & mask) === ((cidr.base[whole] ?? 0) & mask);
}

/** What a built-in refusal says the address is, e.g. "a loopback address". */
export type Special = { what: string; range: string };

const table = (rows: [string, string][]) => rows.map(([range, what]) => ({ cidr: parseCidr(range)!, what }));

// Addresses a webhook must not reach unless the operator allows them: the host itself, its
// networks, and the cloud metadata service (169.254.169.254 and fd00:ec2::254 fall in link-local
// and unique-local).
const SPECIAL = table([
  ['0.0.0.0/8', 'an unspecified address'],
  ['10.0.0.0/8', 'a private address'],
  ['100.64.0.0/10', 'a carrier-grade NAT address'],
  ['127.0.0.0/8', 'a loopback address'],
  ['169.254.0.0/16', 'a link-local address'],
  ['172.16.0.0/12', 'a private address'],
  ['192.0.0.0/24', 'a reserved address'],
  ['192.168.0.0/16', 'a private address'],
  ['198.18.0.0/15', 'a reserved address'],
  ['224.0.0.0/4', 'a multicast address'],
  ['240.0.0.0/4', 'a reserved address'],
  ['::/128', 'an unspecified address'],
  ['::1/128', 'a loopback address'],
  ['fc00::/7', 'a private (unique local) address'],
  ['fe80::/10', 'a link-local address'],
  ['fec0::/10', 'a private (site-local) address'],
  ['ff00::/8', 'a multicast address'],
]);

// IPv6 forms that carry an IPv4 address inside (besides IPv4-mapped, which is our own form): a
// NAT64 gateway or a 6to4 relay would deliver to that IPv4 address, so it is judged instead.
const EMBEDDING: { cidr: Cidr; at: number }[] = [
  { cidr: parseCidr('64:ff9b::/96')!, at: 12 },
  { cidr: parseCidr('::ffff:0:0:0/96')!, at: 12 },
  { cidr: parseCidr('::/96')!, at: 12 },
  { cidr: parseCidr('2002::/16')!, at: 2 },
];

/** The IPv4 address an IPv6 address stands for (NAT64, 6to4, IPv4-compatible), mapped; else itself. */
function embeddedIPv4(address: Address): Address {
  const form = EMBEDDING.find((e) => inCidr(address, e.cidr));
  return form ? Uint8Array.from([...MAPPED_PREFIX, ...address.subarray(form.at, form.at + 4)]) : address;
}

/**
 * Which built-in range an address falls in (loopback, private, link-local, …), looking through
 * IPv6 forms that embed an IPv4 address; undefined for an ordinary public address.
 */
export function specialRange(address: Address): Special | undefined {
  const hit = (a: Address) => SPECIAL.find((s) => inCidr(a, s.cidr));
  const found = hit(address) ?? hit(embeddedIPv4(address));
  return found && { what: found.what, range: found.cidr.text };
}
