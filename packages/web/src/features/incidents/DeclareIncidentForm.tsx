import type { IncidentSource } from '@firebreak/shared';
import { Button, Group, MultiSelect, NumberInput, Select, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { fieldErrors } from '../../api/problems.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useServices } from '../directory/directory.api.js';
import { useDeclareIncident, useSeverities } from './incidents.api.js';
import { SOURCE_LABEL } from './presentation.js';
import { SeverityHelp, severityOptions } from './SeverityHelp.js';
import { SimilarIncidents } from './SimilarIncidents.js';

const FIELDS = ['title', 'severity', 'summary', 'impact', 'usersAffected', 'serviceIds', 'source', 'private'] as const;

/**
 * Declares an incident; the person declaring is its commander until they hand over. Only a title
 * and a severity are required: in the first minutes, speed beats completeness.
 */
export function DeclareIncidentForm({ onCancel, onDone }: { onCancel: () => void; onDone?: () => void }) {
  const navigate = useNavigate();
  const declare = useDeclareIncident();
  const severities = useSeverities();
  const services = useServices();
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState<string | null>(null);
  const [summary, setSummary] = useState('');
  const [impact, setImpact] = useState('');
  const [usersAffected, setUsersAffected] = useState<number | ''>('');
  const [serviceIds, setServiceIds] = useState<string[]>([]);
  const [source, setSource] = useState<IncidentSource>('internal');
  const [isPrivate, setPrivate] = useState(false);
  const errors = fieldErrors(declare.error);
  const chosen = severities.data?.find((s) => s.key === severity);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!severity) return;
    declare.mutate(
      {
        title,
        severity,
        summary,
        impact,
        usersAffected: usersAffected === '' ? null : usersAffected,
        serviceIds,
        source,
        private: isPrivate,
      },
      {
        onSuccess: ({ incident }) => {
          onDone?.();
          navigate(`/incidents/${incident.number}`);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} aria-label="Declare an incident">
      <Stack>
        <ProblemAlert error={declare.error} fields={FIELDS} />
        <TextInput
          label="Title"
          description="What is wrong, in a few words people will recognise"
          placeholder="Checkout fails with 502 for EU customers"
          required
          data-autofocus
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={errors.title}
        />
        <Select
          label="Severity"
          description="Pick the worst that is likely true now; you can change it later"
          placeholder="Choose a severity"
          required
          data={severityOptions(severities.data ?? [])}
          value={severity}
          onChange={setSeverity}
          allowDeselect={false}
          error={errors.severity ?? (severities.isError ? 'Could not load severities' : undefined)}
        />
        <SeverityHelp severity={chosen} />
        <Textarea
          label="Summary"
          description="What we know so far"
          autosize
          minRows={2}
          value={summary}
          onChange={(e) => setSummary(e.currentTarget.value)}
          error={errors.summary}
        />
        <SimilarIncidents text={`${title} ${summary}`} />
        <Textarea
          label="Impact"
          description="Who and what is affected, in words a stakeholder understands"
          placeholder="EU customers cannot pay; orders are not lost"
          autosize
          minRows={2}
          value={impact}
          onChange={(e) => setImpact(e.currentTarget.value)}
          error={errors.impact}
        />
        <Group grow align="flex-start">
          <NumberInput
            label="Users affected"
            description="A rough count, if known"
            min={0}
            thousandSeparator=" "
            value={usersAffected}
            onChange={(v) => setUsersAffected(typeof v === 'number' ? v : '')}
            error={errors.usersAffected}
          />
          <Select
            label="Source"
            description="How we learned about it"
            data={Object.entries(SOURCE_LABEL).map(([value, label]) => ({ value, label }))}
            value={source}
            onChange={(v) => v && setSource(v as IncidentSource)}
            allowDeselect={false}
            error={errors.source}
          />
        </Group>
        <MultiSelect
          label="Affected services"
          description="Their owning teams are involved"
          placeholder={serviceIds.length ? undefined : 'Choose services'}
          data={services.items.map((s) => ({ value: s.id, label: s.name }))}
          value={serviceIds}
          onChange={setServiceIds}
          searchable
          clearable
          nothingFoundMessage="No service by that name"
          error={errors.serviceIds}
        />
        <Switch
          label="Private"
          description="Only people with a role, subscribers and admins can see it (e.g. a security incident)"
          checked={isPrivate}
          onChange={(e) => setPrivate(e.currentTarget.checked)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" color="red" loading={declare.isPending} disabled={!title.trim() || !severity}>
            Declare incident
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
