import { type IncidentDetail, roleAtLeast, type TimelineEntry } from '@firebreak/shared';
import { ActionIcon, Badge, Button, Chip, Divider, Group, Modal, Stack, Switch, Text, Tooltip } from '@mantine/core';
import { IconEraser, IconPin, IconPinnedOff } from '@tabler/icons-react';
import { useState } from 'react';
import { formatDateTime } from '../../components/format.js';
import { LoadMore } from '../../components/LoadMore.js';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { Section } from '../../components/Section.js';
import { useSignedIn } from '../auth/session.js';
import { usePinEntry, useRetractNote, useTimeline } from './incidents.api.js';
import { NoteComposer } from './NoteComposer.js';
import { formatWhen, kindLabel, TIMELINE_FILTERS } from './presentation.js';

const KIND_COLOR: Record<string, string> = {
  note: 'gray',
  decision: 'grape',
  status_update: 'blue',
  status_changed: 'orange',
  severity_changed: 'red',
  declared: 'red',
  update_overdue: 'red',
  upgrade_prompt: 'yellow',
};

/**
 * The source of truth for what happened, newest first. Pinned entries (the key facts) can be
 * kept on top; entries written down after the fact show both times.
 */
export function IncidentTimeline({ incident }: { incident: IncidentDetail }) {
  const { user: me } = useSignedIn();
  const canWrite = roleAtLeast(me.role, 'responder');
  const [groups, setGroups] = useState<string[]>([]);
  const [pinnedFirst, setPinnedFirst] = useState(true);
  const kinds = TIMELINE_FILTERS.filter((f) => groups.includes(f.value)).flatMap((f) => f.kinds);
  const timeline = useTimeline(incident.number, { kind: kinds.length ? kinds.join(',') : undefined });
  const pin = usePinEntry(incident.number);
  const pinnedIds = new Set(incident.pinned.map((e) => e.id));
  const pinned = incident.pinned.filter((e) => kinds.length === 0 || kinds.includes(e.kind));
  const rest = pinnedFirst ? timeline.items.filter((e) => !pinnedIds.has(e.id)) : timeline.items;
  const retract = useRetractNote(incident.number);
  const [retracting, setRetracting] = useState<TimelineEntry | null>(null);
  const actions: EntryActions | undefined = canWrite
    ? {
        pin: (entry) => pin.mutate({ entryId: entry.id, pinned: !entry.pinned }),
        // Notes only: the rest records what the incident went through. The server checks who may.
        retract: setRetracting,
      }
    : undefined;

  return (
    <Section title="Timeline" description="Everything that happened, newest first.">
      {canWrite && <NoteComposer incidentRef={incident.number} />}
      <Group justify="space-between" align="center" wrap="wrap" gap="xs">
        <Chip.Group multiple value={groups} onChange={setGroups}>
          <Group gap={6} role="group" aria-label="Show only">
            {TIMELINE_FILTERS.map((f) => (
              <Chip key={f.value} value={f.value} size="xs" variant="outline">
                {f.label}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        <Switch
          size="xs"
          label="Pinned first"
          checked={pinnedFirst}
          onChange={(e) => setPinnedFirst(e.currentTarget.checked)}
        />
      </Group>
      <ProblemAlert error={pin.error} />
      <Modal opened={retracting !== null} onClose={() => setRetracting(null)} title="Retract this note?" centered>
        <Stack>
          <Text size="sm">
            “{retracting?.text.slice(0, 200)}” leaves the timeline. It is kept, and the timeline records who retracted
            it and when.
          </Text>
          <ProblemAlert error={retract.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRetracting(null)}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={retract.isPending}
              onClick={() =>
                retracting &&
                retract.mutateAsync(retracting.id).then(
                  () => setRetracting(null),
                  () => {},
                )
              }
            >
              Retract
            </Button>
          </Group>
        </Stack>
      </Modal>
      {pinnedFirst && pinned.length > 0 && (
        <Stack gap={0} aria-label="Pinned entries" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
          {pinned.map((entry) => (
            <Entry key={entry.id} entry={entry} actions={actions} />
          ))}
          <Divider my="xs" label="Everything else" labelPosition="left" />
        </Stack>
      )}
      {timeline.isPending ? (
        <PageLoader />
      ) : timeline.isError ? (
        <ErrorState error={timeline.error} onRetry={() => timeline.refetch()} />
      ) : rest.length === 0 ? (
        <Text size="sm" c="dimmed">
          {kinds.length ? 'Nothing of these kinds yet.' : 'Nothing yet.'}
        </Text>
      ) : (
        <Stack
          gap={0}
          component="ol"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label="Timeline entries"
          data-testid="timeline"
        >
          {rest.map((entry) => (
            <Entry key={entry.id} entry={entry} actions={actions} />
          ))}
        </Stack>
      )}
      <LoadMore {...timeline} />
    </Section>
  );
}

type EntryActions = { pin: (entry: TimelineEntry) => void; retract: (entry: TimelineEntry) => void };

function Entry({ entry, actions }: { entry: TimelineEntry; actions: EntryActions | undefined }) {
  const late = entry.happenedAt !== entry.recordedAt;
  return (
    <Group
      component="li"
      gap="sm"
      align="flex-start"
      wrap="nowrap"
      py={6}
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
      data-kind={entry.kind}
    >
      <Stack gap={0} w={84} style={{ flexShrink: 0 }}>
        <Text size="sm" ff="monospace" title={`Happened ${formatDateTime(entry.happenedAt)}`}>
          {formatWhen(entry.happenedAt)}
        </Text>
        {late && (
          <Tooltip
            label={`Written down ${formatDateTime(entry.recordedAt)}; happened ${formatDateTime(entry.happenedAt)}`}
          >
            <Text size="xs" c="dimmed">
              rec. {formatWhen(entry.recordedAt)}
            </Text>
          </Tooltip>
        )}
      </Stack>
      <Badge size="sm" variant="light" color={KIND_COLOR[entry.kind] ?? 'gray'} w={96} style={{ flexShrink: 0 }}>
        {kindLabel(entry.kind)}
      </Badge>
      <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {entry.text}
        </Text>
        <Text size="xs" c="dimmed">
          {entry.actor?.name ?? 'Firebreak'}
        </Text>
      </Stack>
      {actions && entry.kind === 'note' && (
        <Tooltip label="Retract this note">
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            onClick={() => actions.retract(entry)}
            aria-label={`Retract “${entry.text.slice(0, 40)}”`}
          >
            <IconEraser size={14} />
          </ActionIcon>
        </Tooltip>
      )}
      {actions ? (
        <Tooltip label={entry.pinned ? 'Unpin' : 'Pin to the top'}>
          <ActionIcon
            variant={entry.pinned ? 'light' : 'subtle'}
            color={entry.pinned ? 'orange' : 'gray'}
            size="sm"
            onClick={() => actions.pin(entry)}
            aria-label={entry.pinned ? `Unpin “${entry.text.slice(0, 40)}”` : `Pin “${entry.text.slice(0, 40)}”`}
            aria-pressed={entry.pinned}
          >
            {entry.pinned ? <IconPinnedOff size={14} /> : <IconPin size={14} />}
          </ActionIcon>
        </Tooltip>
      ) : (
        entry.pinned && <IconPin size={14} aria-label="Pinned" />
      )}
    </Group>
  );
}
