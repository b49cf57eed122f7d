import { INCIDENT_STATUSES, type IncidentStatus } from '@firebreak/shared';
import { Group, MultiSelect, Select, Switch, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useServices } from '../directory/directory.api.js';
import { type ListFilters, OPEN_STATUSES, useSeverities } from './incidents.api.js';
import { STATUS_LABEL } from './presentation.js';

/**
 * The list's filters live in the address (`?status=…&severity=…&mine=1&q=…`), so a filtered view
 * can be bookmarked or pasted into the incident channel. No `status` means "open ones".
 */
export type FilterState = {
  statuses: IncidentStatus[];
  severities: string[];
  service: string | null;
  mine: boolean;
  text: string;
};

export function readFilters(params: URLSearchParams): FilterState {
  const status = params.get('status');
  const list = (value: string | null) => (value ? value.split(',').filter(Boolean) : []);
  return {
    statuses:
      status === null
        ? OPEN_STATUSES
        : list(status).filter((s): s is IncidentStatus => (INCIDENT_STATUSES as readonly string[]).includes(s)),
    severities: list(params.get('severity')),
    service: params.get('service'),
    mine: params.get('mine') === '1',
    text: params.get('q') ?? '',
  };
}

export function writeFilters(state: FilterState): URLSearchParams {
  const params = new URLSearchParams();
  const isDefault =
    state.statuses.length === OPEN_STATUSES.length && OPEN_STATUSES.every((s) => state.statuses.includes(s));
  // An empty status list is "every status", which must survive a reload as well.
  if (!isDefault) params.set('status', state.statuses.join(','));
  if (state.severities.length) params.set('severity', state.severities.join(','));
  if (state.service) params.set('service', state.service);
  if (state.mine) params.set('mine', '1');
  if (state.text.trim()) params.set('q', state.text.trim());
  return params;
}

export function toQuery(state: FilterState): ListFilters {
  return {
    status: state.statuses.length ? state.statuses.join(',') : undefined,
    severity: state.severities.length ? state.severities.join(',') : undefined,
    service: state.service ?? undefined,
    mine: state.mine || undefined,
    text: state.text.trim() || undefined,
  };
}

export function IncidentFilters({ value, onChange }: { value: FilterState; onChange: (next: FilterState) => void }) {
  const severities = useSeverities();
  const services = useServices();
  // Typing waits for a pause before it asks the server; the box itself answers every key.
  const [text, setText] = useState(value.text);
  const commitText = useDebouncedCallback((next: string) => onChange({ ...value, text: next }), 350);

  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <TextInput
        label="Search"
        placeholder="Title or summary"
        leftSection={<IconSearch size={16} />}
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
          commitText(e.currentTarget.value);
        }}
        w={220}
      />
      <MultiSelect
        label="Status"
        placeholder={value.statuses.length ? undefined : 'Any status'}
        data={INCIDENT_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] }))}
        value={value.statuses}
        onChange={(statuses) => onChange({ ...value, statuses: statuses as IncidentStatus[] })}
        clearable
        w={300}
      />
      <MultiSelect
        label="Severity"
        placeholder={value.severities.length ? undefined : 'Any severity'}
        data={(severities.data ?? []).map((s) => ({ value: s.key, label: s.name }))}
        value={value.severities}
        onChange={(keys) => onChange({ ...value, severities: keys })}
        clearable
        w={200}
      />
      <Select
        label="Service"
        placeholder="Any service"
        data={services.items.map((s) => ({ value: s.slug, label: s.name }))}
        value={value.service}
        onChange={(service) => onChange({ ...value, service })}
        clearable
        searchable
        nothingFoundMessage="No service by that name"
        w={200}
      />
      <Switch
        label="Only mine"
        description="I hold a role, reported or follow"
        checked={value.mine}
        onChange={(e) => onChange({ ...value, mine: e.currentTarget.checked })}
        mb={4}
      />
    </Group>
  );
}
