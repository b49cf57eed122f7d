import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createActionItem } from '../../src/domains/postmortems/commands/action-items.js';
import { addFactor, addWhyChain } from '../../src/domains/postmortems/commands/analysis.js';
import { createPostmortem } from '../../src/domains/postmortems/commands/create-postmortem.js';
import { saveSection } from '../../src/domains/postmortems/commands/sections.js';
import { addTimelineEntry } from '../../src/domains/postmortems/commands/timeline.js';
import { postmortemDetail } from '../../src/domains/postmortems/postmortems.service.js';
import { createTestContext, describeEachDialect, type TestContext } from '../harness.js';
import { viewer } from '../incidents/helpers.js';
import { appFor, type Caller, caller } from '../incidents/http.js';
import { resolvedIncident } from './helpers.js';

// Exports with hostile content everywhere an author can type: nothing becomes markup in the HTML.

const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>';

describeEachDialect('postmortem export', (dialect) => {
  let t: TestContext;
  let app: FastifyInstance;
  let who: Caller;
  let number: string;

  beforeAll(async () => {
    t = await createTestContext(dialect);
    app = await appFor(t);
    who = await caller(t);
    const as = viewer(who.user);
    const incident = await resolvedIncident(t, as, { title: `Checkout ${HOSTILE}` });
    number = incident.number;
    const { id } = await createPostmortem(t, as, { incidentId: incident.id });
    const section = (await postmortemDetail(t, as, id)).sections.find((s) => s.key === 'went_well')!;
    await saveSection(t, as, id, 'went_well', {
      version: section.version,
      body: `- Rollback was **fast** ${HOSTILE}\n- See [runbook](https://wiki.example/rb) and [bad](javascript:alert(1))`,
    });
    await addTimelineEntry(t, as, id, {
      text: `Paged | the ${HOSTILE}`,
      happenedAt: new Date(t.clock.now()).toISOString(),
    });
    await addWhyChain(t, as, id, {
      problem: `Why ${HOSTILE}`,
      steps: [{ why: 'Why?', because: `Because ${HOSTILE}` }],
    });
    await addFactor(t, as, id, { category: 'deployment', description: `Canary ${HOSTILE}` });
    await createActionItem(t, as, {
      from: { kind: 'postmortem', id },
      title: `Fix ${HOSTILE}`,
      trackerUrl: 'https://github.com/acme/shop/issues/7',
    });
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const exportAs = (format: string, accept?: string) =>
    app.inject({
      method: 'GET',
      url: `/api/v1/postmortems/${number}/export?format=${format}`,
      headers: { ...who.headers, ...(accept ? { accept } : {}) },
    });

  it('exports standalone HTML with every piece of author text escaped', async () => {
    const res = await exportAs('html', 'text/html');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${number.toLowerCase()}-postmortem.html"`);
    const html = res.body;
    expect(html).not.toMatch(/<script|<img|javascript:/i);
    expect(html).not.toMatch(/<[^>]*\son\w+=/i); // no event-handler attribute on any tag
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('<li>Rollback was <strong>fast</strong> &lt;script&gt;');
    expect(html).toContain('<a href="https://wiki.example/rb" rel="noopener noreferrer nofollow">runbook</a>');
    expect(html).toContain(
      '<a href="https://github.com/acme/shop/issues/7" rel="noopener noreferrer nofollow">acme/shop#7</a>',
    );
    expect(html).toContain('<meta http-equiv="Content-Security-Policy"');
    const tags = new Set([...html.matchAll(/<([a-z0-9]+)[\s>]/g)].map((m) => m[1]));
    for (const tag of tags) {
      expect([
        'html',
        'head',
        'meta',
        'title',
        'style',
        'body',
        'h1',
        'h2',
        'p',
        'section',
        'table',
        'thead',
        'tbody',
        'tr',
        'th',
        'td',
        'ul',
        'ol',
        'li',
        'strong',
        'em',
        'a',
        'div',
        'code',
        'pre',
      ]).toContain(tag);
    }
  });

  it('exports Markdown with the structured sections as tables and lists', async () => {
    const res = await exportAs('markdown', 'text/markdown');
    expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
    const md = res.body;
    expect(md).toMatch(/^# Postmortem: Checkout /);
    expect(md).toContain('## Timeline\n\n| Time | Since previous | Who | What |');
    expect(md).toContain('Paged \\| the'); // a pipe in a cell does not break the table
    expect(md).toContain('1. Why? — Because');
    expect(md).toContain('- **deployment:** Canary');
    expect(md).toContain('| Action | Kind | Priority | Status | Owner | Due | Tracker |');
    expect(md).toContain('## How our incident process worked\n\n- **Detection:**');
  });

  it('wraps the document in JSON for API clients', async () => {
    const res = await exportAs('html', 'application/json');
    expect(res.headers['content-type']).toContain('application/json');
    const body = res.json();
    expect(body.filename).toBe(`${number.toLowerCase()}-postmortem.html`);
    expect(body.content).toContain('<!doctype html>');
  });
});
