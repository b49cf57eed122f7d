import {
  type AlertSeverity,
  type AlertUrgency,
  type AutoIncidentRule,
  DEFAULT_URGENCY_MAP,
  type WebhookMapping,
} from '@firebreak/shared';
import type { IntegrationRow } from './alerts.model.js';

/** An integration's settings, parsed once from its row's JSON columns. */
export type IntegrationConfig = {
  row: IntegrationRow;
  groupBy: string[];
  urgency: Record<AlertSeverity, AlertUrgency>;
  autoIncident: AutoIncidentRule | null;
  mapping: WebhookMapping | null;
  flapWindowMs: number;
};

export function configOf(row: IntegrationRow): IntegrationConfig {
  return {
    row,
    groupBy: JSON.parse(row.group_by) as string[],
    urgency: {
      ...DEFAULT_URGENCY_MAP,
      ...(JSON.parse(row.urgency_map) as Partial<Record<AlertSeverity, AlertUrgency>>),
    },
    autoIncident: row.auto_incident ? (JSON.parse(row.auto_incident) as AutoIncidentRule) : null,
    mapping: row.mapping ? (JSON.parse(row.mapping) as WebhookMapping) : null,
    flapWindowMs: row.flap_window_minutes * 60_000,
  };
}
