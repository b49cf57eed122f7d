// A small Markdown renderer for exports, safe by construction: the whole text is HTML-escaped
// first, and only a fixed subset is turned back into tags we write ourselves — paragraphs, lists,
// headings, emphasis, inline and fenced code, and links whose URL parses as http(s). Nothing the
// author typed ever reaches the output as markup. No Markdown library is installed; this subset is
// what postmortems need, and what is not recognised shows as plain text.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and double- or single-quoted attributes. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

const unescapeHtml = (text: string): string =>
  text.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) =>
    e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : "'",
  );

/** An http(s) URL, normalised, or null for anything else (javascript:, data:, relative, …). */
export function safeHref(raw: string): string | null {
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

// Placeholders keep finished fragments (code, links) away from the emphasis rules. NUL never
// survives from the input: it is stripped first.
const HOLD = '\u0000';

function inline(escaped: string): string {
  const held: string[] = [];
  const hold = (html: string) => `${HOLD}${held.push(html) - 1}${HOLD}`;
  let text = escaped.replace(/`([^`\n]+)`/g, (_, code: string) => hold(`<code>${code}</code>`));
  // One level of parentheses inside the URL, as in Wikipedia links.
  text = text.replace(/\[([^\]\n]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)/g, (_whole, label: string, target: string) => {
    const href = safeHref(unescapeHtml(target));
    if (!href) return label;
    return hold(`<a href="${escapeHtml(href)}" rel="noopener noreferrer nofollow">${emphasis(label)}</a>`);
  });
  text = emphasis(text);
  return text.replace(new RegExp(`${HOLD}(\\d+)${HOLD}`, 'g'), (_, i: string) => held[Number(i)]!);
}

function emphasis(text: string): string {
  return text
    .replace(/\*\*(?=\S)([^*\n]*?\S)\*\*/g, '<strong>$1</strong>')
    .replace(/(?<![\p{L}\p{N}_])__(?=\S)([^_\n]*?\S)__(?![\p{L}\p{N}_])/gu, '<strong>$1</strong>')
    .replace(/\*(?=[^\s*])([^*\n]*?[^\s*])\*/g, '<em>$1</em>')
    .replace(/(?<![\p{L}\p{N}_])_(?=[^\s_])([^_\n]*?[^\s_])_(?![\p{L}\p{N}_])/gu, '<em>$1</em>');
}

type Block =
  | { kind: 'p'; lines: string[] }
  | { kind: 'ul' | 'ol'; items: string[] }
  | { kind: 'code'; lines: string[] }
  | { kind: 'h'; level: number; text: string };

const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,9}[.)]\s+(.*)$/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const FENCE = /^\s*(```|~~~)/;

function blocks(markdown: string): Block[] {
  const out: Block[] = [];
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
 * Renders Markdown to an HTML fragment, escaping everything outside the supported subset.
 * Headings render two levels down (`#` → h3), below the section headings of the document.
 *
 * @example
 * renderSafeMarkdown('Rolled **back** <script>x</script>'); // '<p>Rolled <strong>back</strong> &lt;script&gt;x&lt;/script&gt;</p>'
 * renderSafeMarkdown('[x](javascript:alert(1))'); // '<p>x</p>'
 */
export function renderSafeMarkdown(markdown: string): string {
  const clean = markdown.replaceAll(HOLD, '');
  return blocks(clean)
    .map((b) => {
      switch (b.kind) {
        case 'code':
          return `<pre><code>${escapeHtml(b.lines.join('\n'))}</code></pre>`;
        case 'h': {
          const level = Math.min(6, b.level + 2);
          return `<h${level}>${inline(escapeHtml(b.text))}</h${level}>`;
        }
        case 'ul':
        case 'ol':
          return `<${b.kind}>${b.items.map((item) => `<li>${inline(escapeHtml(item))}</li>`).join('')}</${b.kind}>`;
        default:
          return `<p>${inline(escapeHtml(b.lines.join('\n')))}</p>`;
      }
    })
    .join('\n');
}
