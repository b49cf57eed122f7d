import {
  ALERT_SEVERITIES,
  type AlertSeverity,
  type AlertUrgency,
  type AutoIncidentRule,
  DEFAULT_URGENCY_MAP,
  type Integration,
  type UpdateIntegrationInput,
  type WebhookMapping,
} from '@firebreak/shared';

/** The editable settings of an integration as form state; `toInput` turns them into the API's body. */
export type SettingsDraft = {
  graceSeconds: number;
  urgency: Record<AlertSeverity, AlertUrgency>;
  autoIncident: boolean;
  minSeverity: AlertSeverity;
  incidentSeverity: string;
  heartbeatMinutes: number;
  mapping: { alertsPath: string; dedupKey: string; summary: string; severity: string; status: string; source: string };
};

export const emptyDraft = (): SettingsDraft => ({
  graceSeconds: 0,
  urgency: { ...DEFAULT_URGENCY_MAP },
  autoIncident: false,
  minSeverity: 'critical',
  incidentSeverity: '',
  heartbeatMinutes: 10,
  mapping: { alertsPath: '', dedupKey: 'id', summary: 'title', severity: 'severity', status: 'status', source: '' },
});

export function draftOf(integration: Integration): SettingsDraft {
  const empty = emptyDraft();
  const m = integration.mapping;
  return {
    graceSeconds: integration.graceSeconds,
    urgency: { ...DEFAULT_URGENCY_MAP, ...integration.urgencyMap },
    autoIncident: integration.autoIncident !== null,
    minSeverity: integration.autoIncident?.minSeverity ?? 'critical',
    incidentSeverity: integration.autoIncident?.incidentSeverity ?? '',
    heartbeatMinutes: integration.heartbeat?.intervalMinutes ?? empty.heartbeatMinutes,
    mapping: m
      ? {
          alertsPath: m.alertsPath ?? '',
          dedupKey: m.dedupKey,
          summary: m.summary,
          severity: m.severity ?? '',
          status: m.status ?? '',
          source: m.source ?? '',
        }
      : empty.mapping,
  };
}

const optional = (value: string) => (value.trim() ? value.trim() : undefined);

/** The settings that apply to this kind of integration. */
export function toInput(draft: SettingsDraft, kind: Integration['kind']): UpdateIntegrationInput {
  const urgencyMap = Object.fromEntries(ALERT_SEVERITIES.map((s) => [s, draft.urgency[s]]));
  const autoIncident: AutoIncidentRule | null =
    draft.autoIncident && draft.incidentSeverity
      ? { minSeverity: draft.minSeverity, incidentSeverity: draft.incidentSeverity }
      : null;
  const m = draft.mapping;
  const mapping = {
    alertsPath: optional(m.alertsPath),
    dedupKey: m.dedupKey.trim(),
    summary: m.summary.trim(),
    severity: optional(m.severity),
    status: optional(m.status),
    source: optional(m.source),
  } as WebhookMapping;
  return {
    graceSeconds: draft.graceSeconds,
    urgencyMap,
    autoIncident,
    ...(kind === 'webhook' && { mapping }),
    ...(kind === 'heartbeat' && { heartbeatMinutes: draft.heartbeatMinutes }),
  };
}
