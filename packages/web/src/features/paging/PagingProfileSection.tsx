import { Stack } from '@mantine/core';
import { ContactChecks } from './ContactChecks.js';
import { NotificationRulesEditor } from './NotificationRulesEditor.js';
import { WorkingHoursEditor } from './WorkingHoursEditor.js';

/** The profile page's paging part: do my methods work, how am I paged, when do I work. */
export function PagingProfileSection({ userId }: { userId: string }) {
  return (
    <Stack gap="lg" id="paging">
      <ContactChecks userId={userId} />
      <NotificationRulesEditor userId={userId} />
      <WorkingHoursEditor />
    </Stack>
  );
}
