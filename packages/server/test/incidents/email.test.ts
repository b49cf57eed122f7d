import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { postStatusUpdate } from '../../src/domains/incidents/commands/post-status-update.js';
import { addSubscriber } from '../../src/domains/incidents/commands/subscribers.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';
import { declare, person, runDueJobs } from './helpers.js';

type Mail = { to: string[]; body: string };

// Bodies with non-ASCII text (the "·" separator) arrive quoted-printable.
const decodeQuotedPrintable = (raw: string) =>
  Buffer.from(
    raw
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');

describeEachDialect('stakeholder emails', (dialect) => {
  let t: TestContext;
  let smtp: SMTPServer;
  const received: Mail[] = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        let body = '';
        stream.on('data', (chunk: Buffer) => {
          body += chunk.toString('utf8');
        });
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), body: decodeQuotedPrintable(body) });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const { port } = smtp.server.address() as AddressInfo;
    t = await createTestContext(dialect);
    t.config = { ...t.config, smtpUrl: `smtp://127.0.0.1:${port}`, orgTimeZone: 'Europe/Berlin' };
  });
  afterAll(async () => {
    await t.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('emails each subscriber a stakeholder update once, in the update template', async () => {
    const { as } = await person(t);
    const { user: cto, as: ctoAs } = await person(t, 'viewer');
    const { user: sales, as: salesAs } = await person(t, 'viewer');
    const incident = await declare(t, as, { title: 'Checkout is failing', severity: 'sev2' });
    await addSubscriber(t, ctoAs, incident.id, {});
    await addSubscriber(t, salesAs, incident.id, {});

    await postStatusUpdate(t, as, incident.id, {
      currentStatus: 'Root cause identified; rolling back',
      impact: 'Card payments fail for all customers',
    });
    await postStatusUpdate(t, as, incident.id, { audience: 'public', currentStatus: 'We are working on it' });
    await runDueJobs(t);
    await runDueJobs(t);

    expect(received.flatMap((m) => m.to).sort()).toEqual([cto.email, sales.email].sort());
    const mail = received[0]!.body;
    expect(mail).toContain(`Subject: [${incident.number}] Sev2 update: Checkout is failing`);
    expect(mail).toContain(`${incident.number} · Sev2 · investigating`);
    expect(mail).toContain('Current status: Root cause identified; rolling back');
    expect(mail).toContain('Impact: Card payments fail for all customers');
    // 09:00 UTC on 5 January is 10:00 in Berlin.
    expect(mail).toMatch(/Time: 2026-01-05 10:00 Europe\/Berlin/);
    expect(mail).toMatch(/Next update: 2026-01-05 10:30 Europe\/Berlin/);
    const deliveries = await t.db.selectFrom('incident_update_deliveries').select('user_id').execute();
    expect(deliveries).toHaveLength(2);
  });
});
