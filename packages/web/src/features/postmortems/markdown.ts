// The Markdown subset of the server's HTML export (paragraphs, lists, headings, emphasis, inline
// and fenced code, http(s) links), parsed into a tree that `Markdown.tsx` renders as React
// elements. Nothing typed by an author ever becomes markup: text stays text (React escapes it),
// and a link survives only when its URL parses as http or https. Anything else shows as written.

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'strong' | 'em'; children: Inline[] }
  | { kind: 'link'; href: string; children: Inline[] };

export type Block =
  | { kind: 'p'; content: Inline[] }
  | { kind: 'ul' | 'ol'; items: Inline[][] }
  | { kind: 'code'; text: string }
  /** Two levels below the section heading, as in the export: `#` is an h3. */
  | { kind: 'h'; level: 3 | 4 | 5 | 6; content: Inline[] };

/** An http(s) URL, normalised, or null for anything else (javascript:, data:, relative, …). */
export function safeHref(raw: string): string | null {
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

type Rule = { pattern: RegExp; kind: 'strong' | 'em' };

// In the server's order: each rule sees the text the earlier ones left, and what they matched.
const EMPHASIS: Rule[] = [
  { pattern: /\*\*(?=\S)([^*\n]*?\S)\*\*/g, kind: 'strong' },
  { pattern: /(?<![\p{L}\p{N}_])__(?=\S)([^_\n]*?\S)__(?![\p{L}\p{N}_])/gu, kind: 'strong' },
  { pattern: /\*(?=[^\s*])([^*\n]*?[^\s*])\*/g, kind: 'em' },
  { pattern: /(?<![\p{L}\p{N}_])_(?=[^\s_])([^_\n]*?[^\s_])_(?![\p{L}\p{N}_])/gu, kind: 'em' },
];

/** Splits `text` by `pattern`: the gaps through `plain`, each match (its first group) through `match`. */
function split<T>(text: string, pattern: RegExp, plain: (s: string) => T[], match: (m: RegExpExecArray) => T[]): T[] {
  const out: T[] = [];
  let at = 0;
  const re = new RegExp(pattern.source, pattern.flags);
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > at) out.push(...plain(text.slice(at, m.index)));
    out.push(...match(m));
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push(...plain(text.slice(at)));
  return out;
}

function emphasis(text: string, rules = EMPHASIS): Inline[] {
  const [rule, ...rest] = rules;
  if (!rule) return text ? [{ kind: 'text', text }] : [];
  return split(
    text,
    rule.pattern,
    (s) => emphasis(s, rest),
    (m) => [{ kind: rule.kind, children: emphasis(m[1]!, rest) }],
  );
}

const CODE_SPAN = /`([^`\n]+)`/g;
// One level of parentheses inside the URL, as in Wikipedia links.
const LINK = /\[([^\]\n]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)/g;

/** Inline Markdown: code spans first (nothing inside them is special), then links, then emphasis. */
export function parseInline(text: string): Inline[] {
  return split<Inline>(
    text,
    CODE_SPAN,
    (between) =>
      split<Inline>(between, LINK, emphasis, (m) => {
        const href = safeHref(m[2]!);
        return href ? [{ kind: 'link', href, children: emphasis(m[1]!) }] : emphasis(m[1]!);
      }),
    (m) => [{ kind: 'code', text: m[1]! }],
  );
}

const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,9}[.)]\s+(.*)$/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const FENCE = /^\s*(```|~~~)/;

type RawBlock =
  | { kind: 'p'; lines: string[] }
  | { kind: 'ul' | 'ol'; items: string[] }
  | { kind: 'code'; lines: string[] }
  | { kind: 'h'; level: number; text: string };

function rawBlocks(markdown: string): RawBlock[] {
  const out: RawBlock[] = [];
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = FENCE.exec(line);
    if (fence) {
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i]!.trimStart().startsWith(fence[1]!); i++) code.push(lines[i]!);
      out.push({ kind: 'code', lines: code });
      continue;
    }
    if (!line.trim()) continue;
    const heading = HEADING.exec(line);
    if (heading) {
      out.push({ kind: 'h', level: heading[1]!.length, text: heading[2]! });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const last = out.at(-1);
    if (bullet || numbered) {
      const kind = bullet ? 'ul' : 'ol';
      const item = (bullet ?? numbered)![1]!;
      if (last?.kind === kind) last.items.push(item);
      else out.push({ kind, items: [item] });
      continue;
    }
    // A line right after a list item, or after paragraph text, continues it.
    const previous = lines[i - 1];
    if (previous?.trim() && last && (last.kind === 'ul' || last.kind === 'ol')) {
      last.items[last.items.length - 1] += ` ${line.trim()}`;
    } else if (previous?.trim() && last?.kind === 'p') {
      last.lines.push(line.trim());
    } else {
      out.push({ kind: 'p', lines: [line.trim()] });
    }
  }
  return out;
}

/**
 * Markdown to a tree of blocks, for the same subset the server exports.
 *
 * @example
 * parseMarkdown('Rolled **back**')[0]; // { kind: 'p', content: [{ kind: 'text', text: 'Rolled ' }, { kind: 'strong', … }] }
 * parseMarkdown('[x](javascript:alert(1))')[0]; // { kind: 'p', content: [{ kind: 'text', text: 'x' }] }
 */
export function parseMarkdown(markdown: string): Block[] {
  return rawBlocks(markdown).map((b): Block => {
    switch (b.kind) {
      case 'code':
        return { kind: 'code', text: b.lines.join('\n') };
      case 'h':
        return { kind: 'h', level: Math.min(6, b.level + 2) as 3 | 4 | 5 | 6, content: parseInline(b.text) };
      case 'ul':
      case 'ol':
        return { kind: b.kind, items: b.items.map(parseInline) };
      default:
        return { kind: 'p', content: parseInline(b.lines.join('\n')) };
    }
  });
}
