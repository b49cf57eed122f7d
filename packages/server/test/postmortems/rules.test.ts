import { blamelessSuggestions, parseTrackerUrl, SYSTEMS_QUESTION } from '@firebreak/shared';
import { describe, expect, it } from 'vitest';
import { computeFigures, figuresMarkdown, formatDuration } from '../../src/domains/postmortems/process-figures.js';
import { addWorkingDays } from '../../src/domains/postmortems/working-days.js';

describe('blameless check', () => {
  const people = ['Sam Lee', 'Priya Natarajan', 'Al Smith'];

  it.each([
    ['The deploy broke because Sam forgot to run the migration.', 'Sam Lee', 'because Sam forgot'],
    ["It was Priya's mistake to skip the canary.", 'Priya Natarajan', "Priya's mistake"],
    [
      'Checkout failed because Priya Natarajan didn’t check the dashboard.',
      'Priya Natarajan',
      'because Priya Natarajan didn’t',
    ],
    ['sam lee should have rolled back sooner.', 'Sam Lee', 'sam lee should have'],
    ['Everyone blamed Sam for the outage.', 'Sam Lee', 'blamed Sam'],
    ['Al Smith caused the outage.', 'Al Smith', 'Al Smith caused'],
  ])('flags %j', (text, person, phrase) => {
    const [found, ...rest] = blamelessSuggestions(text, people);
    expect(rest).toEqual([]);
    expect(found).toMatchObject({ person, phrase, sentence: text });
    expect(found!.question).toContain(SYSTEMS_QUESTION);
    expect(text.slice(found!.start, found!.end)).toBe(phrase);
  });

  it.each([
    'The deploy pipeline forgot nothing: the migration step is missing from it.',
    'Samuel forgot his keys.', // not a participant: "Sam" must match a whole word
    'The job failed to start because the queue was full.',
    'Sam rolled back the release at 12:40 and the error rate dropped.',
    'Al forgot the flag.', // first names shorter than three letters are too ambiguous
  ])('leaves %j alone', (text) => {
    expect(blamelessSuggestions(text, people)).toEqual([]);
  });

  it('finds several sentences and reports offsets in the whole text', () => {
    const text = 'We were slow.\nSam forgot the flag. Then Priya ignored the alert!';
    const found = blamelessSuggestions(text, people);
    expect(found.map((f) => f.phrase)).toEqual(['Sam forgot', 'Priya ignored']);
    for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.phrase);
  });

  it('treats names as text, not patterns', () => {
    expect(blamelessSuggestions('x (y forgot it', ['x (y'])).toHaveLength(1);
    expect(blamelessSuggestions('anything forgot', ['.*'])).toEqual([]);
  });
});

describe('tracker links', () => {
  it.each([
    ['https://acme.atlassian.net/browse/OPS-123', { kind: 'jira', key: 'OPS-123' }],
    ['https://jira.internal.example/browse/PAY-7?focusedId=1', { kind: 'jira', key: 'PAY-7' }],
    ['https://linear.app/acme/issue/ENG-42/fix-the-queue', { kind: 'linear', key: 'ENG-42' }],
    ['https://github.com/acme/shop/issues/812', { kind: 'github', key: 'acme/shop#812' }],
    ['https://github.com/acme/shop/pull/9', { kind: 'github', key: 'acme/shop#9' }],
  ])('recognises %s', (url, expected) => {
    expect(parseTrackerUrl(url)).toEqual(expected);
  });

  it.each([
    'javascript:alert(1)',
    'http://github.com/acme/shop/issues/1',
    'https://github.com/acme/shop',
    'https://user:pw@github.com/acme/shop/issues/1',
    'https://example.com/some/page',
    'https://linear.app/acme/project/x',
    'not a url',
  ])('refuses %s', (url) => {
    expect(parseTrackerUrl(url)).toBeNull();
  });
});

describe('working days', () => {
  const at = (iso: string) => Date.parse(iso);
  it.each([
    ['Monday + 2', '2026-01-05T09:00:00Z', 2, 'UTC', '2026-01-07T09:00:00.000Z'],
    ['Friday + 2 skips the weekend', '2026-01-09T15:00:00Z', 2, 'UTC', '2026-01-13T15:00:00.000Z'],
    ['Saturday + 2', '2026-01-10T10:00:00Z', 2, 'UTC', '2026-01-13T10:00:00.000Z'],
    // Friday 23:30 in New York is Saturday 04:30 UTC: the org's weekday counts, not UTC's.
    ['Friday evening in New York', '2026-01-10T04:30:00Z', 1, 'America/New_York', '2026-01-13T04:30:00.000Z'],
    // Across the spring DST change in Berlin the wall-clock time stays 10:00 (09:00 → 08:00 UTC).
    ['across DST', '2026-03-27T09:00:00Z', 1, 'Europe/Berlin', '2026-03-30T08:00:00.000Z'],
  ])('%s', (_name, from, days, zone, expected) => {
    expect(new Date(addWorkingDays(at(from), days, zone)).toISOString()).toBe(expected);
  });
});

describe('process figures', () => {
  const min = 60_000;
  const base = {
    source: 'alert',
    detectedAt: 0,
    declaredAt: 5 * min,
    acknowledgedAt: 6 * min,
    mitigatedAt: 40 * min,
    resolvedAt: 65 * min,
    cadenceMinutes: 15,
    updateTimes: [10 * min, 20 * min, 50 * min, 90 * min],
    overdueReminders: 1,
    roles: [
      { role: 'commander', person: 'Sam' },
      { role: 'commander', person: 'Priya' },
      { role: 'commander', person: 'Sam' },
    ],
  };

  it('measures the response from the incident record', () => {
    const f = computeFigures(base);
    expect(f).toMatchObject({
      timeToDeclareMs: 5 * min,
      timeToAcknowledgeMs: 1 * min,
      timeToMitigateMs: 40 * min,
      timeToResolveMs: 65 * min,
      updatesPosted: 3, // the one after resolution does not count
      updatesDue: 4, // 60 active minutes at one every 15
      longestSilenceMs: 30 * min, // 20 → 50
      cadenceHeld: false,
      overdueReminders: 1,
      roles: [{ role: 'commander', people: ['Sam', 'Priya'] }],
    });
    const text = figuresMarkdown(f);
    expect(text).toContain('3 posted, 4 due at one every 15 min; the cadence did not hold');
    expect(text).toContain('**Longest silence:** 30 min');
  });

  it('holds when no silence exceeds the cadence, and has no cadence when the severity expects none', () => {
    expect(computeFigures({ ...base, updateTimes: [15 * min, 30 * min, 45 * min, 60 * min] }).cadenceHeld).toBe(true);
    const none = computeFigures({ ...base, cadenceMinutes: null });
    expect(none.cadenceHeld).toBeNull();
    expect(none.updatesDue).toBeNull();
  });

  it('formats durations', () => {
    expect([
      formatDuration(45 * min),
      formatDuration(65 * min),
      formatDuration(27 * 60 * min),
      formatDuration(null),
    ]).toEqual(['45 min', '1 h 5 min', '1 d 3 h', 'n/a']);
  });
});
