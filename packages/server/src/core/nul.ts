// U+0000 (NUL) in text: PostgreSQL cannot store it (SQLite can, so the same input behaved
// differently per database) and nobody means to send it. Requests to the API are refused with a
// 400 naming the field (http/plugins/nul-guard.ts); text from machines that must not be turned away
// (monitoring tools, chat) has each NUL replaced with U+FFFD instead.

const NUL = '\u0000';
const clean = (s: string) => s.replaceAll(NUL, '\uFFFD');

/**
 * Where a NUL hides in a parsed value (strings and object keys), as `body.levels.0.name` paths.
 * Iterative, so a deeply nested value cannot overflow the stack.
 *
 * @example
 * nulPlaces({ title: 'a\u0000b' }, 'body'); // ['body.title']
 */
export function nulPlaces(value: unknown, root: string): string[] {
  const found: string[] = [];
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length) {
    const [current, at] = stack.pop()!;
    if (typeof current === 'string') {
      if (current.includes(NUL)) found.push(at);
    } else if (current && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) {
        if (key.includes(NUL)) found.push(`${at}.${key}`);
        else stack.push([child, `${at}.${key}`]);
      }
    }
  }
  return found;
}

/**
 * Replaces every NUL with U+FFFD (�), in strings and object keys, in place. Iterative, like
 * `nulPlaces`.
 *
 * @example
 * replaceNul({ summary: 'disk\u0000full' }); // { summary: 'disk�full' }
 */
export function replaceNul<T>(value: T): T {
  if (typeof value === 'string') return clean(value) as T;
  const stack: unknown[] = [value];
  while (stack.length) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const child = record[key];
      if (typeof child !== 'string') stack.push(child);
      if (!key.includes(NUL) && !(typeof child === 'string' && child.includes(NUL))) continue;
      delete record[key];
      // defineProperty, not assignment: a key such as "__proto__" must stay a plain key.
      Object.defineProperty(record, clean(key), {
        value: typeof child === 'string' ? clean(child) : child,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return value;
}
