import type { ProcessFigures } from '@firebreak/shared';
import type { IncidentRow } from '../incidents/incidents.model.js';
import { figuresMarkdown, formatDuration } from './process-figures.js';

// Starting text of sections, from what the incident already knows, so authors edit rather than
// start from a blank page. Only the sections of the default template's keys are pre-filled.

const HOW_FOUND: Record<string, string> = {
  alert: 'An alert from monitoring.',
  customer_report: 'A customer told us.',
  internal: 'Someone on the team noticed.',
};

export function prefillSection(key: string, kind: string, incident: IncidentRow, figures: ProcessFigures): string {
  if (kind === 'process') return figuresMarkdown(figures);
  if (key === 'introduction') {
    return [
      '**What happened**',
      '',
      incident.summary || '_Describe what happened._',
      '',
      '**How we found out**',
      '',
      HOW_FOUND[incident.source] ?? incident.source,
      '',
      '**How it was resolved**',
      '',
      '_Describe how service was restored._',
      '',
    ].join('\n');
  }
  if (key === 'impact') {
    const lines = [incident.impact || '_Who was affected and how?_', ''];
    if (incident.users_affected != null) lines.push(`- **Users affected:** about ${incident.users_affected}`);
    const start = incident.detected_at ?? incident.declared_at;
    if (start != null && incident.resolved_at != null) {
      lines.push(`- **Duration:** ${formatDuration(incident.resolved_at - start)} (detected → resolved)`);
    }
    return `${lines.join('\n')}\n`;
  }
  return '';
}
