import { roleAtLeast } from '@firebreak/shared';
import { Anchor, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { formatDateTime } from '../../components/format.js';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { Section } from '../../components/Section.js';
import { useSignedIn } from '../auth/session.js';
import { EscalationHistory } from './EscalationHistory.js';
import { PageActions } from './PageActions.js';
import { PageStatusBadge, UrgencyBadge } from './PageBadges.js';
import { usePage } from './paging.api.js';

/** `/pages/:id`: one page, what to do about it, and its whole escalation history. */
export default function PageDetailPage() {
  const { id = '' } = useParams();
  const { user: me } = useSignedIn();
  const page = usePage(id);
  if (page.isPending) return <PageLoader />;
  if (page.isError) return <ErrorState error={page.error} onRetry={() => page.refetch()} />;
  const p = page.data;
  const fact = (label: string, value: string, testId?: string) => (
    <Stack gap={0} data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm">{value}</Text>
    </Stack>
  );
  const by = (ref: { name: string } | null) => (ref ? ` by ${ref.name}` : '');

  return (
    <Stack gap="md" maw={1280}>
      <Anchor component={Link} to="/pages" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} /> Pages
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={6}>
          <Title order={1} size="h2">
            {p.summary}
          </Title>
          <Group gap="xs">
            <UrgencyBadge urgency={p.urgency} />
            <PageStatusBadge status={p.status} size="lg" />
            <Text size="sm" c="dimmed">
              {p.source === 'manual'
                ? `Paged by hand${by(p.createdBy)}`
                : `Started by ${p.source === 'alert' ? 'an alert' : 'an incident'}`}
            </Text>
            {p.incidentId && (
              <Anchor component={Link} to={`/incidents/${p.incidentId}`} size="sm">
                Open the incident
              </Anchor>
            )}
          </Group>
        </Stack>
        {roleAtLeast(me.role, 'responder') && <PageActions page={p} size="sm" />}
      </Group>

      <Paper withBorder radius="md" p="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {fact('Triggered', formatDateTime(p.createdAt))}
          {fact(
            'Acknowledged',
            p.acknowledgedAt ? `${formatDateTime(p.acknowledgedAt)}${by(p.acknowledgedBy)}` : 'Not yet',
            'page-acknowledged',
          )}
          {fact('Resolved', p.resolvedAt ? `${formatDateTime(p.resolvedAt)}${by(p.resolvedBy)}` : 'Not yet')}
        </SimpleGrid>
        {p.details && (
          <Text size="sm" mt="md" style={{ whiteSpace: 'pre-wrap' }}>
            {p.details}
          </Text>
        )}
      </Paper>

      <Section
        title="Escalation history"
        description="Every step: which level ran, whom it notified, through what, and how each delivery attempt went."
      >
        <EscalationHistory page={p} />
      </Section>

      <Section title="Log" description="Everything that happened to this page, oldest first.">
        <Stack gap={6} component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Page log">
          {p.log.map((entry, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: log entries have no id and never reorder
            <Group key={i} component="li" gap="sm" wrap="nowrap" align="baseline">
              <Text size="xs" c="dimmed" w={150} style={{ flexShrink: 0 }}>
                {formatDateTime(entry.at)}
              </Text>
              <Text size="sm">
                {entry.text}
                {entry.actor && (
                  <Text span c="dimmed" size="sm">
                    {' '}
                    — {entry.actor.name}
                  </Text>
                )}
              </Text>
            </Group>
          ))}
        </Stack>
      </Section>
    </Stack>
  );
}
