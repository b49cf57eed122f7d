const PLACEHOLDER_ORIGIN = 'http://firebreak.invalid';

/**
 * Where to send a person after sign-in: only a path on this site. Anything that could leave it
 * (`https://evil.example`, `//evil.example`, `/\evil.example`, `javascript:`) becomes `/`, so the
 * sign-in flow can never be used as an open redirect.
 *
 * @example
 * safeNext('/incidents/INC-4?tab=timeline') // '/incidents/INC-4?tab=timeline'
 * safeNext('//evil.example')               // '/'
 */
export function safeNext(next: string | undefined | null): string {
  if (!next || next.length > 2000 || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return '/';
  // Control characters and whitespace are stripped or reinterpreted by browsers in surprising ways.
  if ([...next].some((ch) => ch.charCodeAt(0) <= 0x20 || ch.charCodeAt(0) === 0x7f)) return '/';
  let url: URL;
  try {
    url = new URL(next, PLACEHOLDER_ORIGIN);
  } catch {
    return '/';
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}
