import { roleAtLeast, type Schedule } from '@firebreak/shared';
import {
  ActionIcon,
  Anchor,
  Breadcrumbs,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronLeft, IconChevronRight, IconEdit, IconHandStop, IconUserShare } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { Section } from '../../components/Section.js';
import { useSignedIn } from '../auth/session.js';
import { CalendarFeed } from './CalendarFeed.js';
import { describeRestriction, describeRotation } from './layer.draft.js';
import { OverrideModal, type OverridePrefill } from './OverrideModal.js';
import { OverridesSection } from './OverridesSection.js';
import { useDeleteSchedule, useSchedule, useShifts, useTakeOver } from './oncall.api.js';
import { usePeople } from './people.js';
import { rangeTitle, stepAnchor, timelineRange, today, VIEWS, type View } from './range.js';
import { type PickedShift, ScheduleTimeline } from './ScheduleTimeline.js';
import { ShiftModal } from './ShiftModal.js';
import { SwapModal } from './SwapModal.js';
import { SwapsSection } from './SwapsSection.js';
import { HOUR_MS, isoDate, type LocalDate } from './zone.js';

type ZoneChoice = 'mine' | 'schedule' | 'utc';

function parseDate(value: string | null): LocalDate | null {
  const m = value ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null;
}

export default function SchedulePage() {
  const { id = '' } = useParams();
  const schedule = useSchedule(id);
  if (schedule.isPending) return <PageLoader />;
  if (schedule.isError) return <ErrorState error={schedule.error} onRetry={() => schedule.refetch()} />;
  return <ScheduleView schedule={schedule.data} />;
}

function ScheduleView({ schedule }: { schedule: Schedule }) {
  const { user: me } = useSignedIn();
  const canWrite = roleAtLeast(me.role, 'responder');
  const navigate = useNavigate();
  const people = usePeople();
  const remove = useDeleteSchedule();
  // View, date and zone live in the URL, so a link shows someone else the same stretch of time.
  const [params, setParams] = useSearchParams();
  const view = (VIEWS.some((v) => v.value === params.get('view')) ? params.get('view') : '2weeks') as View;
  const zoneChoice = (params.get('tz') ?? 'mine') as ZoneChoice;
  const zone = zoneChoice === 'schedule' ? schedule.timeZone : zoneChoice === 'utc' ? 'UTC' : me.timeZone;
  const dateParam = params.get('date');
  const anchorIso = dateParam && parseDate(dateParam) ? dateParam : isoDate(today(zone));
  const anchor = useMemo(() => parseDate(anchorIso) ?? today(zone), [anchorIso, zone]);
  const range = useMemo(() => timelineRange(view, anchor, zone), [view, anchor, zone]);
  const shifts = useShifts(schedule.id, range.from, range.to);
  const set = (changes: Record<string, string | null>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v === null) next.delete(k);
          else next.set(k, v);
        }
        return next;
      },
      { replace: true },
    );

  const [picked, setPicked] = useState<PickedShift | null>(null);
  const [override, setOverride] = useState<OverridePrefill | null>(null);
  const [swapWith, setSwapWith] = useState<PickedShift | null>(null);

  const zoneOptions = [
    { value: 'mine', label: `Mine (${me.timeZone})` },
    ...(schedule.timeZone !== me.timeZone ? [{ value: 'schedule', label: `Schedule (${schedule.timeZone})` }] : []),
    ...(me.timeZone !== 'UTC' && schedule.timeZone !== 'UTC' ? [{ value: 'utc', label: 'UTC' }] : []),
  ];
  const now = Date.now();
  const addOverride = () =>
    setOverride({
      start: Math.ceil(now / HOUR_MS) * HOUR_MS,
      end: Math.ceil(now / HOUR_MS) * HOUR_MS + 8 * HOUR_MS,
      replacedUserId: null,
    });

  return (
    <Stack gap="md" maw={1400}>
      <Breadcrumbs>
        <Anchor component={Link} to="/oncall" size="sm">
          On-call
        </Anchor>
        <Text size="sm">{schedule.name}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={2}>
          <Title order={1} size="h2">
            {schedule.name}
          </Title>
          {schedule.description && <Text c="dimmed">{schedule.description}</Text>}
        </Stack>
        {canWrite && (
          <Group gap="xs">
            <TakeOverButton scheduleId={schedule.id} />
            <Button variant="default" leftSection={<IconUserShare size={16} />} onClick={addOverride}>
              Add override
            </Button>
            <Button
              variant="default"
              component={Link}
              to={`/oncall/schedules/${schedule.id}/edit`}
              leftSection={<IconEdit size={16} />}
            >
              Edit
            </Button>
            <ConfirmButton
              title={`Delete ${schedule.name}?`}
              message="Its rotations and overrides go with it. A schedule an escalation policy uses cannot be deleted."
              onConfirm={() => remove.mutateAsync(schedule).then(() => navigate('/oncall'))}
              pending={remove.isPending}
              error={remove.error}
              size="sm"
            >
              Delete
            </ConfirmButton>
          </Group>
        )}
      </Group>

      <Section title="Timeline" description="Hover or click a shift to see who is on call and when.">
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Group gap="xs" wrap="nowrap">
            <Tooltip label="Earlier">
              <ActionIcon
                variant="default"
                size="lg"
                aria-label="Earlier"
                onClick={() => set({ date: isoDate(stepAnchor(view, anchor, -1)) })}
              >
                <IconChevronLeft size={18} />
              </ActionIcon>
            </Tooltip>
            <Button variant="default" onClick={() => set({ date: null })}>
              Today
            </Button>
            <Tooltip label="Later">
              <ActionIcon
                variant="default"
                size="lg"
                aria-label="Later"
                onClick={() => set({ date: isoDate(stepAnchor(view, anchor, 1)) })}
              >
                <IconChevronRight size={18} />
              </ActionIcon>
            </Tooltip>
            <Text fw={500} ml="xs" aria-live="polite">
              {rangeTitle(view, anchor)}
            </Text>
          </Group>
          <SegmentedControl
            aria-label="Range"
            value={view}
            onChange={(v) => set({ view: v })}
            data={VIEWS.map((v) => ({ value: v.value, label: v.label }))}
          />
        </Group>
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            Time zone
          </Text>
          <SegmentedControl
            size="xs"
            aria-label="Time zone"
            value={zoneChoice}
            onChange={(v) => set({ tz: v === 'mine' ? null : v })}
            data={zoneOptions}
          />
        </Group>
        {shifts.isPending ? (
          <PageLoader />
        ) : shifts.isError ? (
          <ErrorState error={shifts.error} onRetry={() => shifts.refetch()} />
        ) : schedule.layers.length === 0 ? (
          <Text size="sm" c="dimmed">
            This schedule has no rotation yet.{' '}
            {canWrite && (
              <Anchor component={Link} to={`/oncall/schedules/${schedule.id}/edit`}>
                Add a layer
              </Anchor>
            )}
          </Text>
        ) : (
          <ScheduleTimeline answer={shifts.data} range={range} zone={zone} now={now} onPick={setPicked} />
        )}
      </Section>

      <OverridesSection
        scheduleId={schedule.id}
        overrides={shifts.data?.overrides ?? []}
        zone={zone}
        canWrite={canWrite}
      />
      <SwapsSection scheduleId={schedule.id} zone={zone} />

      <Section title="Rotations" description="Higher layers win where they have someone on call.">
        <Stack gap="sm">
          {[...schedule.layers].reverse().map((l) => (
            <Stack gap={0} key={l.id}>
              <Text size="sm" fw={500}>
                {l.name}
              </Text>
              <Text size="sm">
                {describeRotation(l.rotation, l.handoffTime)} ({l.timeZone}), from {l.startDate}:{' '}
                {l.participants.map((p) => people.name(p)).join(' → ')}
              </Text>
              {l.restrictions.length > 0 && (
                <Text size="xs" c="dimmed">
                  Only {l.restrictions.map(describeRestriction).join('; ')}
                </Text>
              )}
            </Stack>
          ))}
          {schedule.layers.length === 0 && (
            <Text size="sm" c="dimmed">
              None.
            </Text>
          )}
        </Stack>
      </Section>

      {canWrite && (
        <Section title="Calendar feed">
          <CalendarFeed path={`/schedules/${schedule.id}/calendar-feed`} what="this schedule" />
        </Section>
      )}

      {picked && (
        <ShiftModal
          scheduleId={schedule.id}
          picked={picked}
          zone={zone}
          canWrite={canWrite}
          onClose={() => setPicked(null)}
          onOverride={() => {
            const { shift } = picked;
            setPicked(null);
            setOverride({ start: Date.parse(shift.start), end: Date.parse(shift.end), replacedUserId: shift.user.id });
          }}
          onSwap={() => {
            setSwapWith(picked);
            setPicked(null);
          }}
        />
      )}
      {override && (
        <OverrideModal scheduleId={schedule.id} zone={zone} prefill={override} onClose={() => setOverride(null)} />
      )}
      {swapWith && (
        <SwapModal
          scheduleId={schedule.id}
          theirs={swapWith.shift}
          mine={(shifts.data?.final ?? []).filter((s) => s.user.id === me.id && Date.parse(s.end) > now)}
          zone={zone}
          onClose={() => setSwapWith(null)}
        />
      )}
    </Stack>
  );
}

/** "Take over now": I am on call from now until the current person's stretch ends. */
function TakeOverButton({ scheduleId }: { scheduleId: string }) {
  const [opened, { open, close }] = useDisclosure(false);
  const takeOver = useTakeOver(scheduleId);
  const [reason, setReason] = useState('');
  return (
    <>
      <Button color="orange" leftSection={<IconHandStop size={16} />} onClick={open}>
        Take over now
      </Button>
      <Modal opened={opened} onClose={close} title="Take over now">
        <Stack>
          <Text size="sm">
            You become the one on call from now until the end of the current person's shift. Pages go to you at once.
          </Text>
          <ProblemAlert error={takeOver.error} />
          <Textarea
            label="Reason"
            placeholder="e.g. I am already looking at the incident"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button
              color="orange"
              loading={takeOver.isPending}
              onClick={() => takeOver.mutate(reason, { onSuccess: close })}
            >
              Take over
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
