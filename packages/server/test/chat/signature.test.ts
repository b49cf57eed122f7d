import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret } from '../../src/core/secrets.js';
import { slackSignature, verifySlackSignature, verifyToken } from '../../src/domains/chat/signature.js';

// Slack's documented example (docs: "Verifying requests from Slack").
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const TIMESTAMP = '1531420618';
const BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const EXPECTED = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
const AT = Number(TIMESTAMP) * 1000;

describe('Slack request signatures', () => {
  it('computes the signature of Slack’s documented example', () => {
    expect(slackSignature(SECRET, TIMESTAMP, BODY)).toBe(EXPECTED);
  });

  it('accepts the documented example at its time and within five minutes', () => {
    expect(verifySlackSignature(SECRET, { timestamp: TIMESTAMP, signature: EXPECTED, body: BODY }, AT)).toBe(true);
    expect(verifySlackSignature(SECRET, { timestamp: TIMESTAMP, signature: EXPECTED, body: BODY }, AT + 299_000)).toBe(
      true,
    );
  });

  it('refuses a replay older than five minutes, and one from the future', () => {
    const req = { timestamp: TIMESTAMP, signature: EXPECTED, body: BODY };
    expect(verifySlackSignature(SECRET, req, AT + 301_000)).toBe(false);
    expect(verifySlackSignature(SECRET, req, AT - 301_000)).toBe(false);
  });

  it('refuses a changed body, another secret, a missing or malformed header', () => {
    expect(verifySlackSignature(SECRET, { timestamp: TIMESTAMP, signature: EXPECTED, body: `${BODY}&x=1` }, AT)).toBe(
      false,
    );
    expect(verifySlackSignature('other', { timestamp: TIMESTAMP, signature: EXPECTED, body: BODY }, AT)).toBe(false);
    expect(verifySlackSignature(SECRET, { timestamp: undefined, signature: EXPECTED, body: BODY }, AT)).toBe(false);
    expect(verifySlackSignature(SECRET, { timestamp: '1531420618.5', signature: EXPECTED, body: BODY }, AT)).toBe(
      false,
    );
    expect(
      verifySlackSignature(SECRET, { timestamp: TIMESTAMP, signature: EXPECTED.slice(0, -1), body: BODY }, AT),
    ).toBe(false);
  });

  it('compares verification tokens exactly', () => {
    expect(verifyToken('mattermost-token-123', 'mattermost-token-123')).toBe(true);
    expect(verifyToken('mattermost-token-123', 'mattermost-token-124')).toBe(false);
    expect(verifyToken('mattermost-token-123', '')).toBe(false);
    expect(verifyToken('mattermost-token-123', undefined)).toBe(false);
  });
});

describe('stored secrets', () => {
  it('round-trip under the server secret, and not under another', () => {
    const sealed = encryptSecret('server-secret-a', 'xoxb-1234');
    expect(sealed).not.toContain('xoxb');
    expect(decryptSecret('server-secret-a', sealed)).toBe('xoxb-1234');
    expect(() => decryptSecret('server-secret-b', sealed)).toThrow();
  });
});
