import type { WorkingHours } from '@firebreak/shared';
import { Button, Checkbox, Chip, Group, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { fieldErrors } from '../../api/problems.js';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { Section } from '../../components/Section.js';
import { TimeZoneSelect } from '../directory/TimeZoneSelect.js';
import { useSetWorkingHours, useWorkingHours } from './paging.api.js';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const FIELDS = ['days', 'start', 'end', 'timeZone'] as const;

/** When low-urgency pages may reach me; a shift may cross midnight (end before start). */
export function WorkingHoursEditor() {
  const hours = useWorkingHours();
  const save = useSetWorkingHours();
  const [draft, setDraft] = useState<WorkingHours | null>(null);
  useEffect(() => {
    if (hours.data) setDraft(hours.data);
  }, [hours.data]);
  const errors = fieldErrors(save.error);

  return (
    <Section
      title="Working hours"
      description="Low-urgency pages outside these hours wait until your next working hours begin. High urgency always reaches you."
    >
      {hours.isError ? (
        <ErrorState error={hours.error} onRetry={() => hours.refetch()} />
      ) : !draft ? (
        <PageLoader />
      ) : (
        <form
          aria-label="Working hours"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(draft);
          }}
        >
          <Stack gap="sm">
            <ProblemAlert error={save.error} fields={FIELDS} />
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                Days
              </Text>
              <Chip.Group
                multiple
                value={draft.days.map(String)}
                onChange={(v) => setDraft({ ...draft, days: v.map(Number).sort() })}
              >
                <Group gap={6}>
                  {DAYS.map((day, i) => (
                    <Chip key={day} value={String(i + 1)} size="sm">
                      {day}
                    </Chip>
                  ))}
                </Group>
              </Chip.Group>
              {errors.days && (
                <Text size="xs" c="red">
                  {errors.days}
                </Text>
              )}
            </Stack>
            <Group gap="sm" align="flex-start">
              <TextInput
                type="time"
                label="Start"
                value={draft.start}
                onChange={(e) => setDraft({ ...draft, start: e.currentTarget.value })}
                error={errors.start}
                w={140}
              />
              <TextInput
                type="time"
                label="End"
                value={draft.end}
                onChange={(e) => setDraft({ ...draft, end: e.currentTarget.value })}
                error={errors.end}
                w={140}
              />
            </Group>
            <Checkbox
              label="Use my profile time zone"
              checked={draft.timeZone === null}
              onChange={(e) =>
                setDraft({
                  ...draft,
                  timeZone: e.currentTarget.checked ? null : Intl.DateTimeFormat().resolvedOptions().timeZone,
                })
              }
            />
            {draft.timeZone !== null && (
              <TimeZoneSelect
                value={draft.timeZone}
                onChange={(v) => v && setDraft({ ...draft, timeZone: v })}
                error={errors.timeZone}
                maw={320}
              />
            )}
            <Button type="submit" w="fit-content" loading={save.isPending}>
              Save working hours
            </Button>
          </Stack>
        </form>
      )}
    </Section>
  );
}
