import { afterAll, beforeAll, expect, it } from 'vitest';
import { draftCustomerReport } from '../../src/domains/statuspage/index.js';
import { buildUser } from '../factories.js';
import { describeEachDialect } from '../harness.js';
import { component, declare, HOSTILE, type Setup, setup } from './helpers.js';

const POSTMORTEM = `# Checkout outage
## Summary
Card payments failed for 40 minutes.
## Root cause
An expired certificate at the payment provider.
## Resolution
The provider renewed it.
## Action items
- Monitor the provider's certificates
- Fail over to a second provider
`;

it('drafts report sections from postmortem headings, and from public updates without one', () => {
  const source = {
    name: 'Payments down',
    updates: [
      { status: 'investigating', body: 'Payments fail.' },
      { status: 'resolved', body: 'Fixed.' },
    ],
    componentNames: ['Checkout'],
    startedAt: 'A',
    resolvedAt: 'B',
  };
  const fromPostmortem = draftCustomerReport({ ...source, postmortem: POSTMORTEM });
  expect(fromPostmortem.whatHappened).toBe('Card payments failed for 40 minutes.');
  expect(fromPostmortem.rootCause).toBe('An expired certificate at the payment provider.');
  expect(fromPostmortem.whatWeFixed).toBe('The provider renewed it.');
  expect(fromPostmortem.prevention).toContain('Fail over to a second provider');
  expect(fromPostmortem.apology).toContain('Checkout');
  const plain = draftCustomerReport(source);
  expect(plain.whatHappened).toContain('Payments fail.');
  expect(plain.whatWeFixed).toBe('Fixed.');
  expect(plain.rootCause).toMatch(/^\[Explain/);
});

describeEachDialect('status page: customer incident reports', (dialect) => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup(dialect);
  });
  afterAll(() => s.close());

  it('is drafted, reviewed by someone else, published on the incident page and queued for subscribers', async () => {
    const checkout = await component(s, { name: 'Checkout' });
    const incident = await declare(s.t, s.responder);
    const published = (
      await s.api(
        'POST',
        '/api/v1/status/incidents',
        {
          incidentId: incident.id,
          name: 'Payments failing',
          body: 'Card payments fail.',
          components: [{ componentId: checkout.id, status: 'major_outage' }],
        },
        s.responder,
      )
    ).json();
    const base = `/api/v1/status/incidents/${published.id}/report`;
    const draft = await s.api('POST', `${base}/draft`, { postmortem: POSTMORTEM }, s.responder);
    expect(draft.statusCode).toBe(201);
    expect(draft.json()).toMatchObject({
      state: 'draft',
      rootCause: 'An expired certificate at the payment provider.',
    });
    expect((await s.api('POST', `${base}/publish`, undefined, s.responder)).json().code).toBe('report_not_reviewed');
    expect((await s.api('POST', `${base}/review`, undefined, s.responder)).statusCode).toBe(403);
    const edited = await s.api('PATCH', base, { apology: `We are sorry ${HOSTILE}` }, s.responder);
    expect(edited.json().state).toBe('draft');
    const reviewer = await buildUser(s.t, { role: 'responder' });
    const reviewed = await s.api('POST', `${base}/review`, undefined, reviewer);
    expect(reviewed.json()).toMatchObject({ state: 'reviewed', reviewedBy: { id: reviewer.id } });
    const done = await s.api('POST', `${base}/publish`, undefined, s.responder);
    expect(done.statusCode).toBe(200);
    expect(done.json().state).toBe('published');
    const pageHtml = (await s.app.inject({ method: 'GET', url: `/status/incidents/${published.id}` })).body;
    expect(pageHtml).toContain('Incident report');
    expect(pageHtml).toContain('Why it happened');
    expect(pageHtml).toContain('An expired certificate at the payment provider.');
    expect(pageHtml).not.toContain('<script>alert');
    const fanout = await s.t.db
      .selectFrom('jobs')
      .select('dedupe_key')
      .where('kind', '=', 'statuspage-fanout')
      .execute();
    expect(fanout.map((j) => j.dedupe_key)).toContain(`statuspage-fanout:report:${done.json().id}`);
    expect((await s.api('PATCH', base, { apology: 'changed' }, s.responder)).statusCode).toBe(409);
  });
});
