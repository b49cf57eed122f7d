import type { IncidentDetail } from '@firebreak/shared';
import { Button, Group } from '@mantine/core';
import { IconWorld } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { PublishIncidentModal } from './PublishIncidentModal.js';
import { usePublicIncidents } from './statuspage.api.js';

/** The incident page's way onto the status page: a link once published, else a publish button. */
export function PublishToStatusPage({ incident }: { incident: IncidentDetail }) {
  const published = usePublicIncidents();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  if (incident.private || incident.status === 'triage' || !published.data) return null;
  const mine = published.data.items.find((p) => p.incidentId === incident.id);
  return (
    <Group gap="xs">
      {mine ? (
        <Button
          component={Link}
          to={`/status-page/incidents/${mine.id}`}
          variant="light"
          size="xs"
          leftSection={<IconWorld size={14} />}
        >
          On the status page
        </Button>
      ) : (
        incident.status !== 'resolved' && (
          <Button variant="light" size="xs" leftSection={<IconWorld size={14} />} onClick={() => setOpen(true)}>
            Publish to status page
          </Button>
        )
      )}
      {open && (
        <PublishIncidentModal
          incidentRef={incident.number}
          onClose={() => setOpen(false)}
          onPublished={(p) => navigate(`/status-page/incidents/${p.id}`)}
        />
      )}
    </Group>
  );
}
