import { ALERT_SEVERITIES, type AlertSeverity, type IntegrationKind } from '@firebreak/shared';
import {
  Fieldset,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import type { FieldErrors } from '../../api/problems.js';
import { useSeverities } from '../incidents/incidents.api.js';
import type { SettingsDraft } from './settings.draft.js';

type Props = {
  kind: IntegrationKind;
  draft: SettingsDraft;
  onChange: (draft: SettingsDraft) => void;
  errors: FieldErrors;
};

const MAPPING_FIELDS: { key: keyof SettingsDraft['mapping']; label: string; hint: string; required?: boolean }[] = [
  { key: 'alertsPath', label: 'Alerts array', hint: 'e.g. `alerts`; empty when the body is one alert' },
  { key: 'dedupKey', label: 'Dedup key', hint: 'e.g. `id` or `labels.fingerprint`', required: true },
  { key: 'summary', label: 'Summary', hint: 'e.g. `title`', required: true },
  { key: 'severity', label: 'Severity', hint: 'e.g. `level`' },
  { key: 'status', label: 'Status', hint: 'e.g. `state`; "resolved", "ok" resolve' },
  { key: 'source', label: 'Source', hint: 'e.g. `host`' },
];

/** Grace period, urgency by severity, auto-declare, and the kind's own settings (mapping, heartbeat). */
export function SettingsFields({ kind, draft, onChange, errors }: Props) {
  const severities = useSeverities();
  const set = <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) => onChange({ ...draft, [key]: value });
  return (
    <Stack gap="sm">
      {kind === 'webhook' && (
        <Fieldset legend="Field mapping (dotted paths into each alert)">
          <SimpleGrid cols={2} spacing="xs">
            {MAPPING_FIELDS.map((f) => (
              <TextInput
                key={f.key}
                label={f.label}
                description={f.hint}
                required={f.required}
                value={draft.mapping[f.key]}
                onChange={(e) => set('mapping', { ...draft.mapping, [f.key]: e.currentTarget.value })}
                error={errors[`mapping.${f.key}`]}
              />
            ))}
          </SimpleGrid>
        </Fieldset>
      )}
      {kind === 'heartbeat' && (
        <NumberInput
          label="Expect a ping every (minutes)"
          min={1}
          max={7 * 24 * 60}
          allowDecimal={false}
          value={draft.heartbeatMinutes}
          onChange={(v) => set('heartbeatMinutes', typeof v === 'number' ? v : 1)}
          error={errors.heartbeatMinutes}
        />
      )}
      <NumberInput
        label="Grace period (seconds)"
        description="Wait this long before paging; an alert that resolves meanwhile pages nobody. 0 pages at once."
        min={0}
        max={24 * 3600}
        step={30}
        allowDecimal={false}
        value={draft.graceSeconds}
        onChange={(v) => set('graceSeconds', typeof v === 'number' ? v : 0)}
        error={errors.graceSeconds}
      />
      <Fieldset legend="Page urgency by severity">
        <SimpleGrid cols={2} spacing="xs">
          {ALERT_SEVERITIES.map((severity) => (
            <Group key={severity} justify="space-between" wrap="nowrap">
              <Text size="sm">{severity}</Text>
              <SegmentedControl
                size="xs"
                aria-label={`Urgency of ${severity}`}
                value={draft.urgency[severity]}
                onChange={(v) => set('urgency', { ...draft.urgency, [severity]: v as 'high' | 'low' })}
                data={[
                  { value: 'high', label: 'High' },
                  { value: 'low', label: 'Low' },
                ]}
              />
            </Group>
          ))}
        </SimpleGrid>
      </Fieldset>
      <Switch
        label="Declare an incident automatically"
        checked={draft.autoIncident}
        onChange={(e) => set('autoIncident', e.currentTarget.checked)}
      />
      {draft.autoIncident && (
        <Group grow>
          <Select
            label="When an alert is at least"
            data={[...ALERT_SEVERITIES]}
            value={draft.minSeverity}
            onChange={(v) => v && set('minSeverity', v as AlertSeverity)}
            allowDeselect={false}
          />
          <Select
            label="Incident severity"
            data={(severities.data ?? []).map((s) => ({ value: s.key, label: s.name }))}
            value={draft.incidentSeverity || null}
            onChange={(v) => set('incidentSeverity', v ?? '')}
            error={errors['autoIncident.incidentSeverity']}
          />
        </Group>
      )}
    </Stack>
  );
}
