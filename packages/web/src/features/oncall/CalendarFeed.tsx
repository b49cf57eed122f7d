import { Button, Stack, Text } from '@mantine/core';
import { IconCalendarShare } from '@tabler/icons-react';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { SecretValue } from '../../components/SecretValue.js';
import { useCreateCalendarFeed } from './oncall.api.js';

/**
 * The secret iCalendar URL of a schedule or of me. The server keeps only a hash, so the URL can be
 * shown once; asking again makes a new one and the old one stops working.
 */
export function CalendarFeed({ path, what }: { path: string; what: string }) {
  const create = useCreateCalendarFeed(path);
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        Subscribe to {what} in Google Calendar, Outlook or Apple Calendar. Anyone with the URL can read the shifts;
        getting a new URL revokes the old one.
      </Text>
      <ProblemAlert error={create.error} />
      {create.data ? (
        <SecretValue value={create.data.url} label="Calendar feed URL" testId="calendar-feed-url" />
      ) : (
        <Button
          variant="default"
          leftSection={<IconCalendarShare size={16} />}
          loading={create.isPending}
          onClick={() => create.mutate()}
          w="fit-content"
        >
          Get calendar URL
        </Button>
      )}
    </Stack>
  );
}
