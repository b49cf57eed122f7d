import { COMPONENT_STATUS_LABELS, type ComponentStatus } from '@firebreak/shared';
import { escapeHtml } from './escape.js';
import type { Indicator } from './page-model.js';

// Flat SVG badges ("status | operational") for READMEs and dashboards. Widths come from a rough
// per-character estimate, as no font metrics are available on the server.

const COLORS: Record<string, string> = {
  operational: '#2da44e',
  none: '#2da44e',
  under_maintenance: '#0969da',
  maintenance: '#0969da',
  degraded_performance: '#d4a72c',
  minor: '#d4a72c',
  partial_outage: '#e16f24',
  major: '#e16f24',
  major_outage: '#cf222e',
  critical: '#cf222e',
};

const width = (text: string) => Math.round(text.length * 6.5 + 12);

export function badgeSvg(label: string, message: string, status: ComponentStatus | Indicator): string {
  const lw = width(label);
  const mw = width(message);
  const color = COLORS[status] ?? '#57606a';
  const l = escapeHtml(label);
  const m = escapeHtml(message);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${lw + mw}" height="20" role="img" aria-label="${l}: ${m}"><title>${l}: ${m}</title>
<rect width="${lw}" height="20" fill="#555"/><rect x="${lw}" width="${mw}" height="20" fill="${color}"/>
<g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle"><text x="${lw / 2}" y="14">${l}</text><text x="${lw + mw / 2}" y="14">${m}</text></g></svg>
`;
}

export const pageBadgeMessage = (indicator: Indicator, description: string) =>
  indicator === 'none' ? 'operational' : description.toLowerCase();

export const componentBadgeMessage = (status: ComponentStatus) => COMPONENT_STATUS_LABELS[status].toLowerCase();
