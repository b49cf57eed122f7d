import { Stack, Title } from '@mantine/core';
import { Section } from '../../components/Section.js';
import { CalendarFeed } from './CalendarFeed.js';
import { PoliciesSection } from './PoliciesSection.js';
import { SchedulesSection } from './SchedulesSection.js';
import { WhoIsOnCallPanel } from './WhoIsOnCallPanel.js';

export default function OnCallPage() {
  return (
    <Stack gap="md" maw={1200}>
      <Title order={1} size="h2">
        On-call
      </Title>
      <WhoIsOnCallPanel />
      <SchedulesSection />
      <PoliciesSection />
      <Section title="My on-call calendar" description="Your shifts from every schedule, in one calendar.">
        <CalendarFeed path="/oncall/calendar-feed" what="your own shifts" />
      </Section>
    </Stack>
  );
}
