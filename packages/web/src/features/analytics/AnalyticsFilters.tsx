import { Group, MultiSelect, Select, TextInput } from '@mantine/core';
import { useServices, useTeams } from '../directory/directory.api.js';
import { useSeverities } from '../incidents/incidents.api.js';

/** Filters as they live in the URL: dates as `YYYY-MM-DD` (local midnight), the rest as the API takes them. */
export type FilterState = { from: string; to: string; team: string; service: string; severity: string[] };

const day = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

export function readFilters(params: URLSearchParams, now = new Date()): FilterState {
  const to = params.get('to') ?? day(new Date(now.getTime() + 86_400_000));
  const from = params.get('from') ?? day(new Date(now.getTime() - 89 * 86_400_000));
  return {
    from,
    to,
    team: params.get('team') ?? '',
    service: params.get('service') ?? '',
    severity: (params.get('severity') ?? '').split(',').filter(Boolean),
  };
}

export function writeFilters(f: FilterState): URLSearchParams {
  const params = new URLSearchParams({ from: f.from, to: f.to });
  if (f.team) params.set('team', f.team);
  if (f.service) params.set('service', f.service);
  if (f.severity.length) params.set('severity', f.severity.join(','));
  return params;
}

/** The API's query: local midnights as ISO times; `to` is exclusive, so the end date counts in full. */
export function toQuery(f: FilterState) {
  const start = new Date(`${f.from}T00:00:00`);
  const end = new Date(`${f.to}T00:00:00`);
  return {
    from: Number.isNaN(start.getTime()) ? new Date(Date.now() - 90 * 86_400_000).toISOString() : start.toISOString(),
    to: Number.isNaN(end.getTime()) ? new Date().toISOString() : end.toISOString(),
    team: f.team || undefined,
    service: f.service || undefined,
    severity: f.severity.length ? f.severity.join(',') : undefined,
  };
}

export function AnalyticsFilters({ value, onChange }: { value: FilterState; onChange: (next: FilterState) => void }) {
  const teams = useTeams();
  const services = useServices();
  const severities = useSeverities();
  const set = (patch: Partial<FilterState>) => onChange({ ...value, ...patch });
  return (
    <Group gap="sm" align="flex-end" wrap="wrap" role="search" aria-label="Figure filters">
      <TextInput
        type="date"
        label="From"
        value={value.from}
        max={value.to}
        onChange={(e) => set({ from: e.currentTarget.value })}
        w={160}
      />
      <TextInput
        type="date"
        label="Until (exclusive)"
        value={value.to}
        min={value.from}
        onChange={(e) => set({ to: e.currentTarget.value })}
        w={160}
      />
      <Select
        label="Team"
        placeholder="All teams"
        clearable
        searchable
        data={teams.items.map((t) => ({ value: t.id, label: t.name }))}
        value={value.team || null}
        onChange={(team) => set({ team: team ?? '' })}
        w={200}
      />
      <Select
        label="Service"
        placeholder="All services"
        clearable
        searchable
        data={services.items.map((s) => ({ value: s.id, label: s.name }))}
        value={value.service || null}
        onChange={(service) => set({ service: service ?? '' })}
        w={200}
      />
      <MultiSelect
        label="Severity"
        placeholder={value.severity.length ? undefined : 'All severities'}
        clearable
        data={(severities.data ?? []).map((s) => ({ value: s.key, label: s.name }))}
        value={value.severity}
        onChange={(severity) => set({ severity })}
        w={240}
      />
    </Group>
  );
}
