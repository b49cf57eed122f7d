import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, renderSafeMarkdown, safeHref } from '../../src/domains/postmortems/safe-markdown.js';

// The export's Markdown subset renderer, against hostile input. Every tag in the output must be
// one we write ourselves, and every href an http(s) URL.

const ALLOWED_TAGS = new Set(['p', 'ul', 'ol', 'li', 'strong', 'em', 'code', 'pre', 'a', 'h3', 'h4', 'h5', 'h6']);

function tagsOf(html: string): { name: string; attrs: string }[] {
  return [...html.matchAll(/<\/?([a-zA-Z0-9]+)([^>]*)>/g)].map((m) => ({ name: m[1]!.toLowerCase(), attrs: m[2]! }));
}

function assertSafe(html: string): void {
  for (const tag of tagsOf(html)) {
    expect(ALLOWED_TAGS.has(tag.name), `unexpected <${tag.name}> in ${html}`).toBe(true);
    const attrs = tag.attrs.trim();
    if (tag.name === 'a' && attrs) {
      expect(attrs).toMatch(/^href="https?:\/\/[^"<>]*" rel="noopener noreferrer nofollow"$/);
    } else {
      expect(attrs, `attributes on <${tag.name}>`).toBe('');
    }
  }
}

describe('renderSafeMarkdown', () => {
  it.each([
    ['<script>alert(1)</script>', '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'],
    ['<img src=x onerror=alert(1)>', '<p>&lt;img src=x onerror=alert(1)&gt;</p>'],
    ['[click](javascript:alert(1))', '<p>click</p>'],
    ['[click](JaVaScRiPt:alert(1))', '<p>click</p>'],
    ['[click](data:text/html;base64,PHNjcmlwdD4=)', '<p>click</p>'],
    ['[click](//evil.example/x)', '<p>click</p>'],
    [
      '[x](http://a.example/"onmouseover="alert(1))',
      '<p><a href="http://a.example/%22onmouseover=%22alert(1)" rel="noopener noreferrer nofollow">x</a></p>',
    ],
    ['plain javascript:alert(1) text', '<p>plain javascript:alert(1) text</p>'],
    ['**<b>bold</b>**', '<p><strong>&lt;b&gt;bold&lt;/b&gt;</strong></p>'],
    ['`<code>` and `**not bold**`', '<p><code>&lt;code&gt;</code> and <code>**not bold**</code></p>'],
    ['```\n<script>x</script>\n```', '<pre><code>&lt;script&gt;x&lt;/script&gt;</code></pre>'],
    ['a\u0000 0\u0000 b', '<p>a 0 b</p>'],
  ])('escapes %j', (input, expected) => {
    const html = renderSafeMarkdown(input);
    expect(html).toBe(expected);
    assertSafe(html);
  });

  it('renders the supported subset', () => {
    const html = renderSafeMarkdown(
      [
        '# Heading',
        '',
        'First *line* and **strong** with `code`',
        'continues here, see [the runbook](https://wiki.example/runbooks?a=1&b=2).',
        '',
        '- one',
        '- two with _emphasis_',
        '',
        '1. first',
        '2. second',
        '',
        'snake_case_name stays as it is',
      ].join('\n'),
    );
    expect(html).toBe(
      [
        '<h3>Heading</h3>',
        '<p>First <em>line</em> and <strong>strong</strong> with <code>code</code>\ncontinues here, see <a href="https://wiki.example/runbooks?a=1&amp;b=2" rel="noopener noreferrer nofollow">the runbook</a>.</p>',
        '<ul><li>one</li><li>two with <em>emphasis</em></li></ul>',
        '<ol><li>first</li><li>second</li></ol>',
        '<p>snake_case_name stays as it is</p>',
      ].join('\n'),
    );
  });

  it('never emits a tag or attribute it did not write, for any input', () => {
    const pieces = fc.constantFrom(
      '<',
      '>',
      '"',
      "'",
      '&',
      '*',
      '**',
      '_',
      '`',
      '```',
      '[',
      ']',
      '(',
      ')',
      '\n',
      '\n\n',
      '- ',
      '1. ',
      '# ',
      'javascript:',
      'http://x.example/',
      'https://y.example/?q="a"',
      'onerror=',
      '<script>',
      '</p>',
      'a',
      ' ',
      '\u0000',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({ maxLength: 5 })), { maxLength: 40 }), (parts) => {
        assertSafe(renderSafeMarkdown(parts.join('')));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps every character of plain text, escaped', () => {
    fc.assert(
      fc.property(
        fc
          .string({ maxLength: 60 })
          .filter((s) => !/[*_`[\]#\n\r-]|^\s*\d/.test(s) && !s.includes('\u0000') && s.trim() === s && s !== ''),
        (text) => {
          expect(renderSafeMarkdown(text)).toBe(`<p>${escapeHtml(text)}</p>`);
        },
      ),
    );
  });
});

describe('safeHref', () => {
  it('accepts only http and https', () => {
    expect(safeHref('https://example.com/a')).toBe('https://example.com/a');
    expect(safeHref('http://example.com')).toBe('http://example.com/');
    expect(safeHref('ftp://example.com')).toBeNull();
    expect(safeHref(' javascript:alert(1)')).toBeNull();
    expect(safeHref('/relative')).toBeNull();
  });
});
