import { roleAtLeast } from '@firebreak/shared';
import { Anchor, Blockquote, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { API } from '../../api/client.js';
import { formatDateTime } from '../../components/format.js';
import { LoadMore } from '../../components/LoadMore.js';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { useSignedIn } from '../auth/session.js';
import { keys, useIncident, useIncidentList } from './incidents.api.js';
import { LiveIndicator } from './LiveIndicator.js';
import { useLiveRefresh, useNow } from './live.js';
import { formatDuration } from './presentation.js';
import { TriageActions } from './TriageActions.js';

/**
 * Reports nobody has confirmed yet (customer support, other teams), oldest waiting first: accept
 * one as an incident with a severity, decline it with a reason, or merge it into an open incident.
 */
export default function TriagePage() {
  const { user: me } = useSignedIn();
  const canAct = roleAtLeast(me.role, 'responder');
  const reports = useIncidentList({ status: 'triage' });
  const { live } = useLiveRefresh(`${API}/incidents/events`, [keys.incidents]);
  const now = useNow(30_000);
  const waiting = [...reports.items].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));

  return (
    <Stack gap="md" maw={1000}>
      <Group gap="xs">
        <Anchor component={Link} to="/incidents" size="sm">
          Incidents
        </Anchor>
        <Text size="sm" c="dimmed">
          / Triage
        </Text>
      </Group>
      <Group gap="sm">
        <Title order={1} size="h2">
          Triage queue
        </Title>
        <LiveIndicator live={live} />
      </Group>
      <Text size="sm" c="dimmed">
        Problems reported from outside the on-call rotation, oldest first. Each is routed to the team owning the
        affected service.
      </Text>
      {reports.isPending ? (
        <PageLoader />
      ) : reports.isError ? (
        <ErrorState error={reports.error} onRetry={() => reports.refetch()} />
      ) : waiting.length === 0 ? (
        <Paper withBorder p="lg" radius="md">
          <Text size="sm" c="dimmed">
            Nothing waiting. New reports appear here as they arrive.
          </Text>
        </Paper>
      ) : (
        <Stack gap="sm" aria-label="Reports waiting">
          {waiting.map((report) => (
            <Paper key={report.id} withBorder p="md" radius="md" component="article" aria-label={report.title}>
              <Stack gap="xs">
                <Group justify="space-between" align="flex-start" wrap="wrap">
                  <Stack gap={2}>
                    <Anchor component={Link} to={`/incidents/${report.number}`} fw={600}>
                      <Text span c="dimmed" ff="monospace" mr={6}>
                        {report.number}
                      </Text>
                      {report.title}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      Waiting {formatDuration(now - Date.parse(report.createdAt))} · reported{' '}
                      {formatDateTime(report.createdAt)}
                      {report.reporter && ` by ${report.reporter.name}`}
                      {report.services.length > 0 && ` · ${report.services.map((s) => s.name).join(', ')}`}
                    </Text>
                  </Stack>
                  {canAct && <TriageActions report={report} />}
                </Group>
                <ReportText incidentRef={report.number} />
              </Stack>
            </Paper>
          ))}
        </Stack>
      )}
      <LoadMore {...reports} />
    </Stack>
  );
}

/** The customer's own words. The list answer carries no report text, so each card reads its incident. */
function ReportText({ incidentRef }: { incidentRef: string }) {
  const { data } = useIncident(incidentRef);
  if (!data?.report) return null;
  return (
    <Blockquote p="xs" color="violet" cite={`— ${data.report.customer}`}>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} lineClamp={6}>
        {data.report.observed}
      </Text>
    </Blockquote>
  );
}
