import { Grid, Stack } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useParams } from 'react-router';
import { API } from '../../api/client.js';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { PostmortemLink } from '../postmortems/PostmortemLink.js';
import { PublishToStatusPage } from '../statuspage/PublishToStatusPage.js';
import { DecisionLog } from './DecisionLog.js';
import { IncidentAbout } from './IncidentAbout.js';
import { IncidentHeader } from './IncidentHeader.js';
import { IncidentTimeline } from './IncidentTimeline.js';
import { keys, useIncident } from './incidents.api.js';
import { useLiveRefresh } from './live.js';
import { RolesPanel } from './RolesPanel.js';
import { StatusUpdatePanel } from './StatusUpdatePanel.js';
import { SubscribersPanel } from './SubscribersPanel.js';

/**
 * The war-room page of one incident (`/incidents/INC-42`): the rhythm of updates and the timeline
 * on the left, where the eye goes first; who does what, the facts and the decisions on the right.
 */
export default function IncidentPage() {
  const ref = useParams().ref ?? '';
  const incident = useIncident(ref);
  const { live } = useLiveRefresh(`${API}/incidents/${encodeURIComponent(ref)}/events`, [keys.incident(ref)]);
  useDocumentTitle(incident.data ? `${incident.data.number} ${incident.data.title} · Firebreak` : 'Firebreak');

  if (incident.isPending) return <PageLoader />;
  if (incident.isError) return <ErrorState error={incident.error} onRetry={() => incident.refetch()} />;
  const data = incident.data;

  return (
    <Stack gap="md" maw={1400}>
      <IncidentHeader incident={data} live={live} />
      <PostmortemLink incident={data} />
      <PublishToStatusPage incident={data} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            {data.status !== 'triage' && <StatusUpdatePanel incident={data} />}
            <IncidentTimeline incident={data} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <RolesPanel incident={data} />
            <IncidentAbout incident={data} />
            <DecisionLog incident={data} />
            <SubscribersPanel incident={data} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
