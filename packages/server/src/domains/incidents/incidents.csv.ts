import type { IncidentSummary } from '@firebreak/shared';

const COLUMNS: [string, (i: IncidentSummary) => string | number | boolean | null][] = [
  ['number', (i) => i.number],
  ['title', (i) => i.title],
  ['status', (i) => i.status],
  ['severity', (i) => i.severity?.name ?? null],
  ['private', (i) => i.private],
  ['source', (i) => i.source],
  ['services', (i) => i.services.map((s) => s.name).join('; ')],
  ['commander', (i) => i.commander?.name ?? null],
  ['detected_at', (i) => i.detectedAt],
  ['declared_at', (i) => i.declaredAt],
  ['acknowledged_at', (i) => i.acknowledgedAt],
  ['mitigated_at', (i) => i.mitigatedAt],
  ['resolved_at', (i) => i.resolvedAt],
  ['closed_at', (i) => i.closedAt],
];

// RFC 4180 quoting, and a leading apostrophe on text a spreadsheet would run as a formula.
function cell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** CSV lines of the incidents, header first, chunk by chunk. */
export async function* toCsv(chunks: AsyncIterable<IncidentSummary[]>): AsyncGenerator<string> {
  yield `${COLUMNS.map(([name]) => name).join(',')}\r\n`;
  for await (const chunk of chunks) {
    yield chunk.map((i) => `${COLUMNS.map(([, get]) => cell(get(i))).join(',')}\r\n`).join('');
  }
}
