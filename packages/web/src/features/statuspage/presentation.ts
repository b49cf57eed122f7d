import { COMPONENT_STATUS_LABELS, type ComponentStatus } from '@firebreak/shared';

export const STATUS_COLORS: Record<ComponentStatus, string> = {
  operational: 'green',
  under_maintenance: 'blue',
  degraded_performance: 'yellow',
  partial_outage: 'orange',
  major_outage: 'red',
};

export const STATUS_OPTIONS = Object.entries(COMPONENT_STATUS_LABELS).map(([value, label]) => ({ value, label }));

export const IMPACT_OPTIONS = [
  { value: 'none', label: 'None' },
  { value: 'minor', label: 'Minor' },
  { value: 'major', label: 'Major' },
  { value: 'critical', label: 'Critical' },
];

export const INCIDENT_STATUS_OPTIONS = [
  { value: 'investigating', label: 'Investigating' },
  { value: 'identified', label: 'Identified' },
  { value: 'monitoring', label: 'Monitoring' },
];

/** Words customers rarely understand; each comes with a plainer way to say it. */
const JARGON: [RegExp, string][] = [
  [/\b(5\d\d|4\d\d)\b|\bhttp\b/i, 'say what customers saw ("some pages did not load") instead of status codes'],
  [/\b(db|database|postgres|mysql|redis|kafka|queue)\b/i, 'name the feature affected, not the system behind it'],
  [
    /\b(k8s|kubernetes|pod|node|cluster|container|deploy(ment)?|rollback|hotfix)\b/i,
    'describe the fix in plain words ("we undid a recent change")',
  ],
  [
    /\b(latency|p\d\d|timeout|throughput|tls|dns|cert(ificate)?)\b/i,
    'say "slow" or "unavailable" rather than the technical cause',
  ],
  [/\bINC-\d+\b|\bsev ?\d\b/i, 'leave out internal incident numbers and severities'],
];

/** Plain-language hints for a customer-facing text; empty when it reads well. */
export function plainLanguageHints(text: string): string[] {
  return JARGON.filter(([re]) => re.test(text)).map(([, hint]) => hint);
}
