import type { Schedule } from '@firebreak/shared';
import { Anchor, Breadcrumbs, Button, Group, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { fieldErrors } from '../../api/problems.js';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { Section } from '../../components/Section.js';
import { useSignedIn } from '../auth/session.js';
import { useTeams } from '../directory/directory.api.js';
import { TimeZoneSelect } from '../directory/TimeZoneSelect.js';
import { LayerEditor } from './LayerEditor.js';
import { draftOf, emptyLayer, type LayerDraft, layerChanges, layerInput } from './layer.draft.js';
import { useCreateSchedule, useSaveSchedule, useSchedule } from './oncall.api.js';
import { move } from './policy.draft.js';
import { today } from './range.js';
import { isoDate } from './zone.js';

/** Creates a schedule (/oncall/schedules/new) or edits one (/oncall/schedules/:id/edit). */
export default function ScheduleEditorPage() {
  const { id } = useParams();
  if (!id) return <ScheduleForm key="new" schedule={null} />;
  return <EditSchedule id={id} />;
}

function EditSchedule({ id }: { id: string }) {
  const schedule = useSchedule(id);
  if (schedule.isPending) return <PageLoader />;
  if (schedule.isError) return <ErrorState error={schedule.error} onRetry={() => schedule.refetch()} />;
  return <ScheduleForm key={id} schedule={schedule.data} />;
}

/** Per-layer messages from a problem's fields: `layers.0.participants` on create, `participants` on a layer. */
function layerErrors(all: Record<string, string>, index: number): Record<string, string> {
  const prefix = `layers.${index}.`;
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(all)) {
    if (!field.startsWith(prefix)) continue;
    const rest = field.slice(prefix.length);
    // `participants.1` (an unknown person) belongs to the participants list as a whole.
    out[rest.replace(/^participants\.\d+$/, 'participants')] ??= message;
  }
  return out;
}

function ScheduleForm({ schedule }: { schedule: Schedule | null }) {
  const { user: me } = useSignedIn();
  const navigate = useNavigate();
  const teams = useTeams();
  const create = useCreateSchedule();
  const save = useSaveSchedule();
  const mutation = schedule ? save : create;
  const [name, setName] = useState(schedule?.name ?? '');
  const [description, setDescription] = useState(schedule?.description ?? '');
  const [teamId, setTeamId] = useState<string | null>(schedule?.teamId ?? null);
  const [timeZone, setTimeZone] = useState(schedule?.timeZone ?? me.timeZone);
  // Lowest position first, as the API orders them; shown top (wins) first.
  const [layers, setLayers] = useState<LayerDraft[]>(
    schedule ? schedule.layers.map(draftOf) : [emptyLayer(me.timeZone, isoDate(today(me.timeZone)), 0)],
  );
  const errors = fieldErrors(mutation.error);

  const patchLayer = (key: string, patch: Partial<LayerDraft>) =>
    setLayers((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const done = (s: Schedule) => navigate(`/oncall/schedules/${s.id}`);
    if (schedule) {
      save.mutate(
        { id: schedule.id, fields: { name, description, teamId, timeZone }, ...layerChanges(schedule.layers, layers) },
        { onSuccess: done },
      );
    } else {
      create.mutate({ name, description, teamId, timeZone, layers: layers.map(layerInput) }, { onSuccess: done });
    }
  };

  const shown = [...layers].reverse();

  return (
    <Stack gap="md" maw={960}>
      <Breadcrumbs>
        <Anchor component={Link} to="/oncall" size="sm">
          On-call
        </Anchor>
        {schedule && (
          <Anchor component={Link} to={`/oncall/schedules/${schedule.id}`} size="sm">
            {schedule.name}
          </Anchor>
        )}
        <Text size="sm">{schedule ? 'Edit' : 'New schedule'}</Text>
      </Breadcrumbs>
      <Title order={1} size="h2">
        {schedule ? `Edit ${schedule.name}` : 'New schedule'}
      </Title>
      <form onSubmit={submit}>
        <Stack gap="md">
          <Section title="Schedule">
            <TextInput
              label="Name"
              required
              data-autofocus
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={errors.name}
            />
            <Textarea
              label="Description"
              autosize
              minRows={2}
              value={description}
              onChange={(e) => setDescription(e.currentTarget.value)}
              error={errors.description}
            />
            <Group grow align="flex-start">
              <Select
                label="Owning team"
                description="Its managers may edit the schedule"
                placeholder="No team"
                data={teams.items.map((t) => ({ value: t.id, label: t.name }))}
                value={teamId}
                onChange={setTeamId}
                clearable
                searchable
                error={errors.teamId}
              />
              <TimeZoneSelect
                label="Schedule time zone"
                description="The zone the schedule is shown in by default"
                value={timeZone}
                onChange={(v) => v && setTimeZone(v)}
                error={errors.timeZone}
              />
            </Group>
          </Section>

          <Section
            title="Layers"
            description="Each layer is a rotation. Where several have someone on call, the top one wins; a gap falls through to the layer below."
            action={
              <Button
                variant="light"
                leftSection={<IconPlus size={16} />}
                onClick={() => setLayers((ls) => [...ls, emptyLayer(timeZone, isoDate(today(timeZone)), ls.length)])}
              >
                Add layer
              </Button>
            }
          >
            {shown.length === 0 && (
              <Text size="sm" c="dimmed">
                No layers: nobody is on call. Add one.
              </Text>
            )}
            {shown.map((draft) => {
              const index = layers.indexOf(draft);
              return (
                <LayerEditor
                  key={draft.key}
                  draft={draft}
                  onChange={(patch) => patchLayer(draft.key, patch)}
                  onRemove={() => setLayers((ls) => ls.filter((l) => l.key !== draft.key))}
                  onMove={(by) => setLayers((ls) => move(ls, ls.indexOf(draft), by))}
                  isTop={index === layers.length - 1}
                  isBottom={index === 0}
                  errors={schedule ? {} : layerErrors(errors, index)}
                />
              );
            })}
          </Section>

          <ProblemAlert error={mutation.error} fields={['name', 'description', 'teamId', 'timeZone']} />
          <Group justify="flex-end">
            <Button variant="default" component={Link} to={schedule ? `/oncall/schedules/${schedule.id}` : '/oncall'}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending} disabled={!name.trim()}>
              {schedule ? 'Save schedule' : 'Create schedule'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
