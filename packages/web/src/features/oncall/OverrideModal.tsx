import { Button, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../../api/problems.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useSignedIn } from '../auth/session.js';
import { useCreateOverride } from './oncall.api.js';
import { usePeople } from './people.js';
import { formatDuration, fromLocalInput, toLocalInput } from './zone.js';

export type OverridePrefill = { start: number; end: number; replacedUserId: string | null };

const FIELDS = ['userId', 'replacedUserId', 'start', 'end', 'reason'] as const;
const ANYONE = '__anyone__';

/**
 * Adds an override: one person on call over a range, covering a named person's shifts or whoever
 * is on call. Times are entered in the zone the timeline shows. Mounted only while open.
 */
export function OverrideModal({
  scheduleId,
  zone,
  prefill,
  onClose,
}: {
  scheduleId: string;
  zone: string;
  prefill: OverridePrefill;
  onClose: () => void;
}) {
  const { user: me } = useSignedIn();
  const people = usePeople();
  const create = useCreateOverride(scheduleId);
  const [userId, setUserId] = useState<string | null>(me.id);
  const [replaced, setReplaced] = useState<string>(prefill.replacedUserId ?? ANYONE);
  const [start, setStart] = useState(toLocalInput(prefill.start, zone));
  const [end, setEnd] = useState(toLocalInput(prefill.end, zone));
  const [reason, setReason] = useState('');
  const errors = fieldErrors(create.error);
  const startMs = fromLocalInput(start, zone);
  const endMs = fromLocalInput(end, zone);
  const valid = userId !== null && startMs !== null && endMs !== null && endMs > startMs;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    create.mutate(
      {
        userId,
        replacedUserId: replaced === ANYONE ? null : replaced,
        start: new Date(startMs).toISOString(),
        end: new Date(endMs).toISOString(),
        reason,
      },
      { onSuccess: onClose },
    );
  };

  return (
    <Modal opened onClose={onClose} title="Add override" size="lg">
      <form onSubmit={submit}>
        <Stack>
          <ProblemAlert error={create.error} fields={FIELDS} />
          <Select
            label="Who will be on call"
            data={people.options}
            value={userId}
            onChange={setUserId}
            searchable
            required
            error={errors.userId}
          />
          <Select
            label="Covering"
            description="A named person's shifts only, or the whole range whoever is on call (gaps included)"
            data={[{ value: ANYONE, label: 'Whoever is on call' }, ...people.options]}
            value={replaced}
            onChange={(v) => setReplaced(v ?? ANYONE)}
            searchable
            allowDeselect={false}
            error={errors.replacedUserId}
          />
          <Group grow align="flex-start">
            <TextInput
              type="datetime-local"
              label={`Start (${zone})`}
              value={start}
              onChange={(e) => setStart(e.currentTarget.value)}
              required
              error={errors.start}
            />
            <TextInput
              type="datetime-local"
              label={`End (${zone})`}
              value={end}
              onChange={(e) => setEnd(e.currentTarget.value)}
              required
              error={
                errors.end ??
                (startMs !== null && endMs !== null && endMs <= startMs ? 'must be after the start' : undefined)
              }
            />
          </Group>
          {valid && (
            <Text size="sm" c="dimmed">
              {formatDuration(endMs - startMs)}
            </Text>
          )}
          <Textarea
            label="Reason"
            placeholder="e.g. doctor's appointment"
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.reason}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!valid}>
              Save override
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
