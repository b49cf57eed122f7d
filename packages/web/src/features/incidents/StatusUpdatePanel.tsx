import { type IncidentDetail, isActive, roleAtLeast, type UpdateAudience } from '@firebreak/shared';
import { Button, Group, Paper, SegmentedControl, Select, Stack, Text, Textarea } from '@mantine/core';
import { IconClock } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../../api/problems.js';
import { formatDateTime } from '../../components/format.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { Section } from '../../components/Section.js';
import { useSignedIn } from '../auth/session.js';
import { usePostStatusUpdate, useSeverities } from './incidents.api.js';
import { useNow } from './live.js';
import { countdown, formatDuration, formatWhen } from './presentation.js';

const FIELDS = ['currentStatus', 'impact', 'nextUpdateAt', 'audience'] as const;
const NEXT_IN_MINUTES = [15, 30, 60, 120, 240];

/**
 * The rhythm of updates: when the next one is due (red once overdue), a composer laid out as the
 * update template (time, current status, impact, next update) and the updates so far.
 */
export function StatusUpdatePanel({ incident }: { incident: IncidentDetail }) {
  const { user: me } = useSignedIn();
  const now = useNow(1000);
  const canPost = roleAtLeast(me.role, 'responder') && (isActive(incident.status) || incident.status === 'resolved');
  const due = incident.nextUpdateDueAt ? countdown(incident.nextUpdateDueAt, now) : null;

  return (
    <Section
      title="Status updates"
      description="Keep stakeholders calm: an update on time, even “still investigating”, beats silence."
      action={
        due && (
          <Paper
            withBorder
            px="sm"
            py={6}
            radius="sm"
            bg={due.overdue ? 'var(--mantine-color-red-light)' : undefined}
            style={due.overdue ? { borderColor: 'var(--mantine-color-red-filled)' } : undefined}
            data-testid="next-update-countdown"
            data-overdue={due.overdue}
          >
            <Group gap={6} wrap="nowrap">
              <IconClock size={16} color={due.overdue ? 'var(--mantine-color-red-filled)' : undefined} aria-hidden />
              <Text size="sm" fw={600} c={due.overdue ? 'red' : undefined} aria-live="polite">
                Next update {due.text}
              </Text>
            </Group>
          </Paper>
        )
      }
    >
      {canPost && <UpdateComposer incident={incident} now={now} />}
      {incident.updates.length === 0 ? (
        <Text size="sm" c="dimmed">
          No updates posted yet.
        </Text>
      ) : (
        <Stack gap="xs" aria-label="Posted updates">
          {incident.updates.map((update) => (
            <Paper key={update.id} withBorder p="sm" radius="sm">
              <Text size="xs" c="dimmed">
                {formatDateTime(update.postedAt)} · {update.audience === 'public' ? 'Public' : 'Stakeholders'} ·{' '}
                {update.postedBy.name}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {update.currentStatus}
              </Text>
              {update.impact && (
                <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                  Impact: {update.impact}
                </Text>
              )}
              {update.nextUpdateAt && (
                <Text size="xs" c="dimmed">
                  Next update by {formatWhen(update.nextUpdateAt)}
                </Text>
              )}
            </Paper>
          ))}
        </Stack>
      )}
    </Section>
  );
}

function UpdateComposer({ incident, now }: { incident: IncidentDetail; now: number }) {
  const post = usePostStatusUpdate(incident.number);
  const severities = useSeverities();
  const cadence = severities.data?.find((s) => s.key === incident.severity?.key)?.updateCadenceMinutes ?? null;
  const [audience, setAudience] = useState<UpdateAudience>('stakeholders');
  const [currentStatus, setCurrentStatus] = useState('');
  const [impact, setImpact] = useState(incident.impact);
  const [nextIn, setNextIn] = useState<string>('rhythm');
  const errors = fieldErrors(post.error);
  const active = isActive(incident.status);
  const nextMinutes = nextIn === 'rhythm' ? cadence : Number(nextIn);

  const nextOptions = [
    {
      value: 'rhythm',
      label: cadence
        ? `In ${formatDuration(cadence * 60_000)} (the severity's rhythm)`
        : 'None expected (severity has no rhythm)',
    },
    ...NEXT_IN_MINUTES.filter((m) => m !== cadence).map((m) => ({
      value: String(m),
      label: `In ${formatDuration(m * 60_000)}`,
    })),
  ];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    post.mutate(
      {
        audience,
        currentStatus,
        impact,
        // The server computes the rhythm itself, from the moment it stores the update.
        ...(active &&
          nextIn !== 'rhythm' && { nextUpdateAt: new Date(Date.now() + Number(nextIn) * 60_000).toISOString() }),
      },
      { onSuccess: () => setCurrentStatus('') },
    );
  };

  return (
    <Paper withBorder p="sm" radius="sm" component="form" onSubmit={submit} aria-label="Post a status update">
      <Stack gap="xs">
        <ProblemAlert error={post.error} fields={FIELDS} />
        <Group justify="space-between" wrap="wrap">
          <Text size="sm">
            <Text span fw={600}>
              Time:
            </Text>{' '}
            {formatWhen(new Date(now).toISOString(), now)} (when you post)
          </Text>
          <SegmentedControl
            size="xs"
            value={audience}
            onChange={(v) => setAudience(v as UpdateAudience)}
            data={[
              { value: 'stakeholders', label: 'Stakeholders' },
              { value: 'public', label: 'Public' },
            ]}
            aria-label="Audience"
          />
        </Group>
        <Textarea
          label="Current status"
          description="What is happening now, without jargon"
          placeholder="Root cause identified: a bad config push. Rolling back; checkout should recover within 20 minutes."
          required
          autosize
          minRows={2}
          value={currentStatus}
          onChange={(e) => setCurrentStatus(e.currentTarget.value)}
          error={errors.currentStatus}
        />
        <Textarea
          label="Impact"
          description="Scope and users affected"
          autosize
          minRows={1}
          value={impact}
          onChange={(e) => setImpact(e.currentTarget.value)}
          error={errors.impact}
        />
        <Group justify="space-between" align="flex-end" wrap="wrap">
          {active ? (
            <Select
              label="Next update"
              size="xs"
              w={280}
              data={nextOptions}
              value={nextIn}
              onChange={(v) => v && setNextIn(v)}
              allowDeselect={false}
              description={
                nextMinutes
                  ? `Due around ${formatWhen(new Date(now + nextMinutes * 60_000).toISOString(), now)}`
                  : undefined
              }
              error={errors.nextUpdateAt}
            />
          ) : (
            <Text size="xs" c="dimmed">
              Resolved: this is the final update; no next one is due.
            </Text>
          )}
          <Button type="submit" size="sm" loading={post.isPending} disabled={!currentStatus.trim()}>
            Post update
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
