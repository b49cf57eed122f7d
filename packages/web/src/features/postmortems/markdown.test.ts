import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Block, type Inline, parseInline, parseMarkdown, safeHref } from './markdown.js';

const text = (t: string): Inline => ({ kind: 'text', text: t });

/** Every href in a parsed tree. */
function hrefs(blocks: Block[]): string[] {
  const ofInline = (nodes: Inline[]): string[] =>
    nodes.flatMap((n) =>
      n.kind === 'link' ? [n.href, ...ofInline(n.children)] : 'children' in n ? ofInline(n.children) : [],
    );
  return blocks.flatMap((b) => {
    if ('items' in b) return b.items.flatMap(ofInline);
    return b.kind === 'code' ? [] : ofInline(b.content);
  });
}

describe('safe Markdown subset', () => {
  it('parses paragraphs, lists, headings two levels down and fenced code', () => {
    const blocks = parseMarkdown(
      '# Cause\n\nFirst line\nsecond line\n\n- one\n- two\n\n1. a\n2. b\n\n```\n<b>x</b>\n```',
    );
    expect(blocks).toEqual([
      { kind: 'h', level: 3, content: [text('Cause')] },
      { kind: 'p', content: [text('First line\nsecond line')] },
      { kind: 'ul', items: [[text('one')], [text('two')]] },
      { kind: 'ol', items: [[text('a')], [text('b')]] },
      { kind: 'code', text: '<b>x</b>' },
    ]);
  });

  it('renders emphasis, code spans and http(s) links, and leaves code spans alone', () => {
    expect(parseInline('a **b** _c_ `**d**` [e](https://example.com/x_(y))')).toEqual([
      text('a '),
      { kind: 'strong', children: [text('b')] },
      text(' '),
      { kind: 'em', children: [text('c')] },
      text(' '),
      { kind: 'code', text: '**d**' },
      text(' '),
      { kind: 'link', href: 'https://example.com/x_(y)', children: [text('e')] },
    ]);
  });

  it('keeps only the label of links that are not http(s)', () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,x', '/relative', 'vbscript:x', 'JAVASCRIPT:alert(1)']) {
      expect(parseInline(`[label](${url})`)).toEqual([text('label')]);
    }
  });

  it('leaves HTML as text', () => {
    expect(parseMarkdown('<script>alert(1)</script> <img src=x onerror=alert(1)>')).toEqual([
      { kind: 'p', content: [text('<script>alert(1)</script> <img src=x onerror=alert(1)>')] },
    ]);
  });

  it('never produces a link that is not http(s), whatever the input', () => {
    const pieces = fc.constantFrom(
      '[',
      ']',
      '(',
      ')',
      'javascript:',
      'https://a.b/',
      '*',
      '_',
      '`',
      ' ',
      '\n',
      'x',
      ':',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
        for (const href of hrefs(parseMarkdown(parts.join('')))) {
          expect(safeHref(href)).toBe(href);
          expect(new URL(href).protocol).toMatch(/^https?:$/);
        }
      }),
    );
  });
});
