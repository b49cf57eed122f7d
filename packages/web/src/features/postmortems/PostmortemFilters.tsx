import { POSTMORTEM_STATUSES, type PostmortemStatus } from '@firebreak/shared';
import { Autocomplete, Group, Select, Switch, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useServices } from '../directory/directory.api.js';
import { useSeverities } from '../incidents/incidents.api.js';
import type { RepositoryFilters } from './postmortems.api.js';
import { COMMON_FACTORS, PM_STATUS_LABEL } from './presentation.js';

/**
 * The repository's filters live in the address (`?q=…&status=…&tag=…`), so a view such as "every
 * published postmortem about the database" can be bookmarked or shared.
 */
export type FilterState = {
  q: string;
  status: PostmortemStatus | null;
  service: string | null;
  severity: string | null;
  tag: string;
  factor: string;
  mine: boolean;
};

const FIELDS = ['q', 'status', 'service', 'severity', 'tag', 'factor'] as const;

export function readFilters(params: URLSearchParams): FilterState {
  const status = params.get('status');
  return {
    q: params.get('q') ?? '',
    status: (POSTMORTEM_STATUSES as readonly string[]).includes(status ?? '') ? (status as PostmortemStatus) : null,
    service: params.get('service'),
    severity: params.get('severity'),
    tag: params.get('tag') ?? '',
    factor: params.get('factor') ?? '',
    mine: params.get('owner') === 'me',
  };
}

export function writeFilters(state: FilterState): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of FIELDS) {
    const value = state[field]?.trim();
    if (value) params.set(field, value);
  }
  if (state.mine) params.set('owner', 'me');
  return params;
}

export function toQuery(state: FilterState): RepositoryFilters {
  const blank = (s: string | null) => s?.trim() || undefined;
  return {
    q: blank(state.q),
    status: state.status ?? undefined,
    service: blank(state.service),
    severity: blank(state.severity),
    tag: blank(state.tag)?.toLowerCase(),
    factor: blank(state.factor)?.toLowerCase(),
    owner: state.mine ? 'me' : undefined,
  };
}

/** Free-text boxes (search, tag, factor) wait for a pause before they ask the server. */
function useDebouncedText(value: string, commit: (next: string) => void) {
  const [text, setText] = useState(value);
  const debounced = useDebouncedCallback(commit, 350);
  return {
    value: text,
    onChange: (next: string) => {
      setText(next);
      debounced(next);
    },
  };
}

export function PostmortemFilters({
  value,
  onChange,
  knownTags,
  knownFactors,
}: {
  value: FilterState;
  onChange: (next: FilterState) => void;
  /** Tags and factor categories seen in the list, offered as suggestions. */
  knownTags: string[];
  knownFactors: string[];
}) {
  const severities = useSeverities();
  const services = useServices();
  const q = useDebouncedText(value.q, (next) => onChange({ ...value, q: next }));
  const tag = useDebouncedText(value.tag, (next) => onChange({ ...value, tag: next }));
  const factor = useDebouncedText(value.factor, (next) => onChange({ ...value, factor: next }));

  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <TextInput
        label="Search"
        description="Full text of published postmortems"
        placeholder="e.g. connection pool"
        leftSection={<IconSearch size={16} />}
        value={q.value}
        onChange={(e) => q.onChange(e.currentTarget.value)}
        w={260}
      />
      <Select
        label="Status"
        placeholder="Any status"
        data={POSTMORTEM_STATUSES.map((s) => ({ value: s, label: PM_STATUS_LABEL[s] }))}
        value={value.status}
        onChange={(status) => onChange({ ...value, status: status as PostmortemStatus | null })}
        clearable
        w={150}
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
        w={180}
      />
      <Select
        label="Severity"
        placeholder="Any severity"
        data={(severities.data ?? []).map((s) => ({ value: s.key, label: s.name }))}
        value={value.severity}
        onChange={(severity) => onChange({ ...value, severity })}
        clearable
        w={150}
      />
      <Autocomplete
        label="Tag"
        placeholder="Any tag"
        data={knownTags}
        value={tag.value}
        onChange={tag.onChange}
        w={150}
      />
      <Autocomplete
        label="Contributing factor"
        placeholder="Any factor"
        data={[...new Set([...COMMON_FACTORS, ...knownFactors])].sort()}
        value={factor.value}
        onChange={factor.onChange}
        w={180}
      />
      <Switch
        label="Only mine"
        description="I own it"
        checked={value.mine}
        onChange={(e) => onChange({ ...value, mine: e.currentTarget.checked })}
        mb={4}
      />
    </Group>
  );
}
