import { describe, expect, it } from 'vitest';
import { parseAlertmanager, severityFromLabel } from '../../src/domains/alerts/inbound/alertmanager.format.js';
import { parseTimestamp } from '../../src/domains/alerts/inbound/checks.js';
import type { InvalidEvent } from '../../src/domains/alerts/inbound/event.js';
import { parseEventsV2 } from '../../src/domains/alerts/inbound/events-v2.format.js';
import { readPath } from '../../src/domains/alerts/inbound/webhook.format.js';

// The inbound validators are pure: table tests of the cases the fuzzers found or might miss.

describe('inbound formats', () => {
  it.each([
    ['critical', 'critical'],
    ['WARNING', 'warning'],
    ['P1', 'critical'],
    ['none', 'info'],
    ['constructor', 'error'],
    ['__proto__', 'error'],
    ['toString', 'error'],
    [undefined, 'error'],
  ])('maps the severity label %s to %s', (label, severity) => {
    expect(severityFromLabel(label)).toBe(severity);
  });

  it.each([
    ['2015-07-17T08:42:58.315+0000', Date.UTC(2015, 6, 17, 8, 42, 58, 315)],
    ['2026-11-23T12:13:39.617183183Z', Date.UTC(2026, 10, 23, 12, 13, 39, 617)],
    ['2026-11-23T13:13:39+01:00', Date.UTC(2026, 10, 23, 12, 13, 39)],
    ['yesterday', null],
    ['2026-13-45T99:00:00Z', null],
    ['+275760-09-13T00:00:00.000Z', null],
  ])('reads the timestamp %s', (text, ms) => {
    expect(parseTimestamp(text)).toBe(ms);
  });

  it('takes only a string valueString from Grafana as the summary', () => {
    const [alert] = parseAlertmanager({
      version: '1',
      alerts: [{ status: 'firing', labels: {}, valueString: 42, fingerprint: 'f1' }],
    });
    expect(alert!.summary).toBe('Alert f1');
  });

  it('reads dotted paths through own properties and array indexes only', () => {
    const body = { a: { b: [{ c: 'x' }] } };
    expect(readPath(body, 'a.b.0.c')).toBe('x');
    expect(readPath(body, 'a.constructor')).toBeUndefined();
    expect(readPath(body, 'a.b.5.c')).toBeUndefined();
  });

  it('lists every problem of an event at once', () => {
    const text = JSON.stringify({ routing_key: 'k', event_action: 'trigger', payload: { severity: 'bad' } });
    let errors: string[] = [];
    try {
      parseEventsV2(JSON.parse(text), text);
    } catch (err) {
      errors = (err as InvalidEvent).errors;
    }
    expect(errors).toEqual([
      "Length of 'routing_key' is incorrect (should be 32 characters)",
      "'payload.summary' is missing or blank",
      "'payload.source' is missing or blank",
      `'payload.severity' must be one of critical, error, warning, info (got "bad")`,
    ]);
  });
});
