import { Anchor, Badge, Breadcrumbs, Group, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { formatDateTime } from '../../components/format.js';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { Section } from '../../components/Section.js';
import { ReportEditor } from './ReportEditor.js';
import { usePublicIncident, useResolve } from './statuspage.api.js';
import { UpdateComposer } from './UpdateComposer.js';

/** One public incident (`/status-page/incidents/:id`): updates, resolving, and the report. */
export default function PublicIncidentPage() {
  const id = useParams().id ?? '';
  const incident = usePublicIncident(id);
  const resolve = useResolve(id);
  if (incident.isPending) return <PageLoader />;
  if (incident.isError) return <ErrorState error={incident.error} onRetry={() => incident.refetch()} />;
  const data = incident.data;
  const resolved = data.status === 'resolved';

  return (
    <Stack gap="md" maw={1200}>
      <Breadcrumbs>
        <Anchor component={Link} to="/status-page?tab=incidents">
          Status page
        </Anchor>
        <Text>{data.name}</Text>
      </Breadcrumbs>
      <Group justify="space-between">
        <Group gap="sm">
          <Title order={1} size="h2">
            {data.name}
          </Title>
          <Badge variant="light">{data.status}</Badge>
          <Badge variant="outline">{data.impact} impact</Badge>
        </Group>
        <Group gap="xs">
          <Anchor href={data.url} target="_blank" size="sm">
            Public page
          </Anchor>
          {!resolved && (
            <ConfirmButton
              color="green"
              variant="light"
              title="Resolve on the status page?"
              message="Customers read “This incident has been resolved.” Every affected component goes back to operational unless another incident or maintenance still holds it."
              onConfirm={() => resolve.mutateAsync('This incident has been resolved.')}
              pending={resolve.isPending}
              error={resolve.error}
            >
              Resolve
            </ConfirmButton>
          )}
        </Group>
      </Group>
      {!resolved && <UpdateComposer incident={data} />}
      <Section title="Updates" description="Newest first, as customers read them.">
        {data.updates.map((u) => (
          <Stack key={u.id} gap={2}>
            <Text size="sm">
              <Text span fw={700} tt="capitalize">
                {u.status}
              </Text>{' '}
              – {u.body}
            </Text>
            <Text size="xs" c="dimmed">
              {formatDateTime(u.createdAt)}
            </Text>
          </Stack>
        ))}
      </Section>
      {resolved && <ReportEditor id={data.id} />}
    </Stack>
  );
}
