import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { parseAddress, specialRange } from './addresses.js';
import { DEFAULT_OUTBOUND_RULES, judge, parseOutboundRules } from './rules.js';

const rangeOf = (text: string) => {
  const address = parseAddress(text);
  if (!address) throw new Error(`${text} did not parse`);
  return specialRange(address)?.range ?? 'public';
};

describe('outbound: built-in ranges', () => {
  it.each([
    ['127.0.0.1', '127.0.0.0/8'],
    ['127.255.255.254', '127.0.0.0/8'],
    ['10.1.2.3', '10.0.0.0/8'],
    ['172.16.0.1', '172.16.0.0/12'],
    ['172.31.255.255', '172.16.0.0/12'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', '192.168.0.0/16'],
    ['169.254.169.254', '169.254.0.0/16'],
    ['100.64.0.1', '100.64.0.0/10'],
    ['100.127.255.255', '100.64.0.0/10'],
    ['100.128.0.1', 'public'],
    ['0.0.0.0', '0.0.0.0/8'],
    ['224.0.0.1', '224.0.0.0/4'],
    ['255.255.255.255', '240.0.0.0/4'],
    ['8.8.8.8', 'public'],
    ['1.1.1.1', 'public'],
  ])('IPv4 %s → %s', (address, range) => expect(rangeOf(address)).toBe(range));

  it.each([
    ['::1', '::1/128'],
    ['::', '::/128'],
    ['0:0:0:0:0:0:0:1', '::1/128'],
    ['fe80::1', 'fe80::/10'],
    ['febf:ffff::1', 'fe80::/10'],
    ['fe80::1%eth0', 'fe80::/10'],
    ['fec0::1', 'fec0::/10'],
    ['fc00::1', 'fc00::/7'],
    ['fd00:ec2::254', 'fc00::/7'],
    ['ff02::1', 'ff00::/8'],
    ['2001:4860:4860::8888', 'public'],
    ['2a00:1450:4001:82b::200e', 'public'],
  ])('IPv6 %s → %s', (address, range) => expect(rangeOf(address)).toBe(range));

  it.each([
    ['::ffff:127.0.0.1', '127.0.0.0/8'],
    ['::ffff:7f00:1', '127.0.0.0/8'],
    ['[::ffff:7f00:1]', '127.0.0.0/8'],
    ['0:0:0:0:0:ffff:a9fe:a9fe', '169.254.0.0/16'],
    ['::ffff:10.0.0.1', '10.0.0.0/8'],
    ['::ffff:8.8.8.8', 'public'],
    ['::ffff:0:7f00:1', '127.0.0.0/8'], // IPv4-translated (SIIT)
    ['::127.0.0.1', '127.0.0.0/8'], // IPv4-compatible
    ['64:ff9b::7f00:1', '127.0.0.0/8'], // NAT64
    ['64:ff9b::a9fe:a9fe', '169.254.0.0/16'],
    ['64:ff9b::808:808', 'public'],
    ['2002:c0a8:0101::1', '192.168.0.0/16'], // 6to4 of 192.168.1.1
    ['2002:0808:0808::1', 'public'],
  ])('IPv4 inside IPv6 %s → %s', (address, range) => expect(rangeOf(address)).toBe(range));

  it('reads neither host names nor odd IPv4 spellings as addresses (the URL parser normalises those)', () => {
    for (const text of ['localhost', '0x7f.1', '2130706433', '127.1', '0177.0.0.1', '1.2.3.4.5', '::g'])
      expect(parseAddress(text)).toBeUndefined();
  });
});

describe('outbound: URLs as a webhook address would be written', () => {
  const verdictOf = (url: string) => {
    const host = new URL(url).hostname;
    return judge(DEFAULT_OUTBOUND_RULES, host, parseAddress(host) ? [host] : []);
  };

  it.each([
    'http://127.0.0.1/',
    'http://2130706433/',
    'http://0x7f.1/',
    'http://0x7f000001/',
    'http://0177.0.0.1/',
    'http://127.1/',
    'http://017700000001/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[0:0:0:0:0:ffff:7f00:1]/',
    'http://0/',
    'http://[::]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://0xa9fea9fe/',
    'https://10.0.0.1:8443/hook',
    'http://[fd00:ec2::254]/',
  ])('%s is refused before any connection', (url) => {
    expect(verdictOf(url)).toMatch(/ is an? .*address \(.+\); allow it with FIREBREAK_OUTBOUND_ALLOW$/);
  });

  it.each(['https://8.8.8.8/', 'https://[2001:4860:4860::8888]/', 'https://hooks.example.com/x'])(
    '%s may go (names are judged again on the addresses they resolve to)',
    (url) => expect(verdictOf(url)).toBeNull(),
  );

  it('a name that resolves to a private address says so, naming the address and the setting', () => {
    expect(judge(DEFAULT_OUTBOUND_RULES, 'localhost', ['127.0.0.1'])).toBe(
      'localhost resolves to 127.0.0.1, a loopback address (127.0.0.0/8); allow it with FIREBREAK_OUTBOUND_ALLOW',
    );
    // One private address among public ones is enough: the connection might pick it.
    expect(judge(DEFAULT_OUTBOUND_RULES, 'mixed.example', ['8.8.8.8', '10.0.0.7'])).toMatch(/resolves to 10\.0\.0\.7/);
  });
});

describe('outbound: the operator’s allow and deny lists', () => {
  const rulesOf = (allow: string, deny = '') => {
    const { rules, problems } = parseOutboundRules(allow, deny);
    expect(problems).toEqual([]);
    return rules;
  };

  it('an allowed range wins over the built-in refusal; a longer denied prefix wins over it again', () => {
    const rules = rulesOf('10.0.0.0/8', '10.0.0.5');
    expect(judge(rules, 'gitlab.internal', ['10.20.30.40'])).toBeNull();
    expect(judge(rules, 'db.internal', ['10.0.0.5'])).toBe(
      'db.internal resolves to 10.0.0.5, denied by FIREBREAK_OUTBOUND_DENY (10.0.0.5)',
    );
    expect(judge(rules, 'other', ['192.168.1.1'])).toMatch(/a private address/);
  });

  it('an allowed host name may resolve anywhere; *.suffix covers names below it, not the suffix itself', () => {
    const rules = rulesOf('mattermost.internal,*.corp.example');
    expect(judge(rules, 'mattermost.internal', ['10.1.1.1'])).toBeNull();
    expect(judge(rules, 'MatterMost.Internal.', ['10.1.1.1'])).toBeNull();
    expect(judge(rules, 'a.b.corp.example', ['192.168.0.9'])).toBeNull();
    expect(judge(rules, 'corp.example', ['192.168.0.9'])).toMatch(/a private address/);
    expect(judge(rules, 'evilcorp.example', ['192.168.0.9'])).toMatch(/a private address/);
  });

  it('the most specific entry wins: an exact name over a wildcard, a name over any range, deny on a tie', () => {
    const onlySlack = rulesOf('hooks.slack.com', '0.0.0.0/0,::/0');
    expect(judge(onlySlack, 'hooks.slack.com', ['52.1.2.3'])).toBeNull();
    expect(judge(onlySlack, 'example.com', ['93.184.215.14'])).toMatch(
      /denied by FIREBREAK_OUTBOUND_DENY \(0\.0\.0\.0\/0\)/,
    );
    expect(judge(onlySlack, 'v6.example', ['2606:2800:21f:cb07:6820:80da:af6b:8b2c'])).toMatch(/\(::\/0\)/);

    const exact = rulesOf('build.corp.example', '*.corp.example');
    expect(judge(exact, 'build.corp.example', ['8.8.8.8'])).toBeNull();
    expect(judge(exact, 'hr.corp.example', ['8.8.8.8'])).toBe(
      'host hr.corp.example is denied by FIREBREAK_OUTBOUND_DENY (*.corp.example)',
    );

    const tie = rulesOf('10.0.0.0/8', '10.0.0.0/8');
    expect(judge(tie, 'x', ['10.0.0.1'])).toMatch(/denied by FIREBREAK_OUTBOUND_DENY/);
  });

  it('a denied public address or name is refused although nothing built in covers it', () => {
    const rules = rulesOf('', '203.0.113.0/24,pastebin.example');
    expect(judge(rules, '203.0.113.9', ['203.0.113.9'])).toBe(
      '203.0.113.9 is denied by FIREBREAK_OUTBOUND_DENY (203.0.113.0/24)',
    );
    expect(judge(rules, 'pastebin.example', ['8.8.8.8'])).toMatch(/^host pastebin\.example is denied/);
  });

  it('IPv6 entries, bracketed or not, and IPv4 entries cover the mapped spelling of their addresses', () => {
    const rules = rulesOf('[fd00::]/8,::1,127.0.0.0/8');
    expect(judge(rules, 'ula', ['fd12::1'])).toBeNull();
    expect(judge(rules, '::1', ['::1'])).toBeNull();
    expect(judge(rules, 'mapped', ['::ffff:127.0.0.1'])).toBeNull();
  });

  it('names every entry it cannot read, and the config refuses to start with one', () => {
    expect(parseOutboundRules('10.0.0.0/33, http://x, ok.example', 'a/b,*.fine.example').problems).toEqual([
      'FIREBREAK_OUTBOUND_ALLOW: "10.0.0.0/33" is neither an address range (10.0.0.0/8) nor a host name (*.corp.example)',
      'FIREBREAK_OUTBOUND_ALLOW: "http://x" is neither an address range (10.0.0.0/8) nor a host name (*.corp.example)',
      'FIREBREAK_OUTBOUND_DENY: "a/b" is neither an address range (10.0.0.0/8) nor a host name (*.corp.example)',
    ]);
    expect(() => loadConfig({ FIREBREAK_OUTBOUND_ALLOW: 'intranet.*' })).toThrow(ConfigError);
    expect(
      loadConfig({ FIREBREAK_OUTBOUND_ALLOW: '10.0.0.0/8', FIREBREAK_OUTBOUND_DENY: '' }).outbound.nets,
    ).toHaveLength(1);
  });
});
