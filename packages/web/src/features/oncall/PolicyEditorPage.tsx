import { type EscalationPolicy, type PolicyWarning, roleAtLeast } from '@firebreak/shared';
import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Group,
  List,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconPlus } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { fieldErrors } from '../../api/problems.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { Section } from '../../components/Section.js';
import { useSignedIn } from '../auth/session.js';
import { useServices, useTeams } from '../directory/directory.api.js';
import { LevelEditor, type TargetGroups } from './LevelEditor.js';
import { useDeletePolicy, usePolicy, useSavePolicy, useSchedules } from './oncall.api.js';
import { usePeople } from './people.js';
import {
  emptyLevel,
  emptyPolicy,
  type LevelDraft,
  move,
  type PolicyDraft,
  policyDraftOf,
  policyInput,
  serviceChanges,
} from './policy.draft.js';

/** Creates an escalation policy (/oncall/policies/new) or edits one (/oncall/policies/:id). */
export default function PolicyEditorPage() {
  const { id } = useParams();
  const policy = usePolicy(id);
  if (!id) return <PolicyForm key="new" policy={null} />;
  if (policy.isPending) return <PageLoader />;
  if (policy.isError) return <ErrorState error={policy.error} onRetry={() => policy.refetch()} />;
  return <PolicyForm key={id} policy={policy.data} />;
}

const FIELDS = ['name', 'description', 'teamId', 'repeat'] as const;

function PolicyForm({ policy }: { policy: EscalationPolicy | null }) {
  const { user: me } = useSignedIn();
  const canWrite = roleAtLeast(me.role, 'responder');
  const navigate = useNavigate();
  const location = useLocation();
  const people = usePeople();
  const schedules = useSchedules();
  const teams = useTeams();
  const services = useServices();
  const save = useSavePolicy();
  const remove = useDeletePolicy();
  const [draft, setDraft] = useState<PolicyDraft>(policy ? policyDraftOf(policy) : emptyPolicy());
  // Warnings of the last save: from this form, or carried over from the create page.
  const carried = (location.state as { warnings?: PolicyWarning[] } | null)?.warnings;
  const warnings = save.data?.warnings ?? carried ?? [];
  const errors = fieldErrors(save.error);
  const saved = save.data?.policy ?? policy;
  const targetName = (w: PolicyWarning) =>
    saved?.levels[w.level]?.targets.find((t) => t.kind === w.target.kind && t.id === w.target.id)?.name ?? '';

  const targets: TargetGroups = [
    { group: 'People', items: people.options.map((o) => ({ value: `user:${o.value}`, label: o.label })) },
    {
      group: 'Schedules (whoever is on call)',
      items: schedules.items.map((s) => ({ value: `schedule:${s.id}`, label: s.name })),
    },
    {
      group: "Teams (the team's on-call)",
      items: teams.items.map((t) => ({ value: `team:${t.id}`, label: `${t.name} on-call` })),
    },
  ];

  const set = (patch: Partial<PolicyDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setLevel = (key: string, patch: Partial<LevelDraft>) =>
    setDraft((d) => ({ ...d, levels: d.levels.map((l) => (l.key === key ? { ...l, ...patch } : l)) }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      {
        id: policy?.id ?? null,
        input: policyInput(draft),
        services: serviceChanges(policy?.serviceIds ?? [], draft.serviceIds),
      },
      {
        onSuccess: (saved) => {
          if (!policy) navigate(`/oncall/policies/${saved.policy.id}`, { state: { warnings: saved.warnings } });
        },
      },
    );
  };

  const levelErrors = (index: number) => {
    const prefix = `levels.${index}.`;
    const out: Record<string, string> = {};
    for (const [field, message] of Object.entries(errors)) {
      if (field.startsWith(prefix)) out[field.slice(prefix.length).replace(/^targets\..*$/, 'targets')] ??= message;
    }
    return out;
  };

  return (
    <Stack gap="md" maw={960}>
      <Breadcrumbs>
        <Anchor component={Link} to="/oncall" size="sm">
          On-call
        </Anchor>
        <Text size="sm">{policy ? policy.name : 'New escalation policy'}</Text>
      </Breadcrumbs>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {policy ? policy.name : 'New escalation policy'}
        </Title>
        {policy && canWrite && (
          <ConfirmButton
            title={`Delete ${policy.name}?`}
            message="A policy a service still pages through cannot be deleted: point the services elsewhere first."
            onConfirm={() => remove.mutateAsync(policy).then(() => navigate('/oncall'))}
            pending={remove.isPending}
            error={remove.error}
            size="sm"
          >
            Delete
          </ConfirmButton>
        )}
      </Group>

      {warnings.length > 0 && (
        <Alert color="yellow" icon={<IconAlertTriangle />} title="Saved, but a page may go unanswered" role="status">
          <List size="sm">
            {warnings.map((w) => (
              <List.Item key={`${w.level}-${w.target.kind}-${w.target.id}-${w.code}`}>
                {targetName(w) && <b>{targetName(w)}: </b>}
                {w.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}

      <form onSubmit={submit}>
        <Stack gap="md">
          <Section title="Policy">
            <TextInput
              label="Name"
              required
              data-autofocus
              value={draft.name}
              onChange={(e) => set({ name: e.currentTarget.value })}
              error={errors.name}
            />
            <Textarea
              label="Description"
              autosize
              minRows={2}
              value={draft.description}
              onChange={(e) => set({ description: e.currentTarget.value })}
              error={errors.description}
            />
            <Group grow align="flex-start">
              <Select
                label="Owning team"
                description="Its managers may edit the policy"
                placeholder="No team"
                data={teams.items.map((t) => ({ value: t.id, label: t.name }))}
                value={draft.teamId}
                onChange={(teamId) => set({ teamId })}
                clearable
                searchable
                error={errors.teamId}
              />
              <NumberInput
                label="Repeat"
                description="Times to run all levels again if nobody acknowledges"
                min={0}
                max={10}
                value={draft.repeat}
                onChange={(v) => set({ repeat: typeof v === 'number' ? v : Number(v) || 0 })}
                error={errors.repeat}
              />
            </Group>
          </Section>

          <Section
            title="Levels"
            description="Paged in order; each level waits its delay for an acknowledgement before the next."
            action={
              <Button
                variant="light"
                leftSection={<IconPlus size={16} />}
                onClick={() => set({ levels: [...draft.levels, emptyLevel()] })}
                disabled={draft.levels.length >= 20}
              >
                Add level
              </Button>
            }
          >
            {draft.levels.map((level, index) => (
              <LevelEditor
                key={level.key}
                draft={level}
                index={index}
                count={draft.levels.length}
                targets={targets}
                onChange={(patch) => setLevel(level.key, patch)}
                onMove={(by) => set({ levels: move(draft.levels, index, by) })}
                onRemove={() => set({ levels: draft.levels.filter((l) => l.key !== level.key) })}
                errors={levelErrors(index)}
              />
            ))}
          </Section>

          <Section title="Services" description="Alerts for these services page through this policy.">
            <MultiSelect
              label="Services"
              aria-label="Services that page through this policy"
              placeholder={draft.serviceIds.length ? undefined : 'None'}
              data={services.items.map((s) => ({ value: s.id, label: s.name }))}
              value={draft.serviceIds}
              onChange={(serviceIds) => set({ serviceIds })}
              searchable
              nothingFoundMessage="No service by that name"
            />
          </Section>

          <ProblemAlert error={save.error} fields={FIELDS} />
          {canWrite && (
            <Group justify="flex-end">
              <Button variant="default" component={Link} to="/oncall">
                Back
              </Button>
              <Button type="submit" loading={save.isPending} disabled={!draft.name.trim()}>
                {policy ? 'Save policy' : 'Create policy'}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Stack>
  );
}
