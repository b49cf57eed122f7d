import { type IncidentDetail, isOpen, roleAtLeast } from '@firebreak/shared';
import { ActionIcon, Anchor, Badge, Code, CopyButton, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy, IconHash, IconLock, IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../../components/format.js';
import { useSignedIn } from '../auth/session.js';
import { ChangeSeverityModal } from './ChangeSeverityModal.js';
import { OverdueBadge, SeverityBadge, StatusBadge } from './IncidentBadges.js';
import { LiveIndicator } from './LiveIndicator.js';
import { useNow } from './live.js';
import { formatDuration, SOURCE_LABEL } from './presentation.js';
import { StatusActions } from './StatusActions.js';

/** Number, title, severity, status, how long it has run, the war-room channel and the next moves. */
export function IncidentHeader({ incident, live }: { incident: IncidentDetail; live: boolean }) {
  const { user: me } = useSignedIn();
  const canAct = roleAtLeast(me.role, 'responder');
  const [changingSeverity, setChangingSeverity] = useState(false);
  const now = useNow(30_000);
  const started = incident.declaredAt ?? incident.createdAt;
  const ended = incident.resolvedAt ?? incident.closedAt;

  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Anchor component={Link} to="/incidents" size="sm">
          Incidents
        </Anchor>
        <Text size="sm" c="dimmed">
          /
        </Text>
        <Text size="sm" c="dimmed" ff="monospace">
          {incident.number}
        </Text>
        <LiveIndicator live={live} />
      </Group>
      <Group gap="sm" align="center" wrap="wrap">
        <Title order={1} size="h2">
          <Text span inherit c="dimmed" ff="monospace" mr={8}>
            {incident.number}
          </Text>
          {incident.title}
        </Title>
        {incident.private && (
          <Tooltip label="Private: only participants, subscribers and admins can see it">
            <Badge color="gray" variant="outline" leftSection={<IconLock size={12} />}>
              Private
            </Badge>
          </Tooltip>
        )}
      </Group>
      <Group gap="sm" align="center" wrap="wrap">
        <Group gap={4} wrap="nowrap">
          <SeverityBadge severity={incident.severity} size="lg" />
          {canAct && incident.severity && isOpen(incident.status) && (
            <Tooltip label="Change severity">
              <ActionIcon
                variant="subtle"
                size="sm"
                aria-label="Change severity"
                onClick={() => setChangingSeverity(true)}
              >
                <IconPencil size={14} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
        <StatusBadge status={incident.status} size="lg" />
        {incident.updateOverdue && <OverdueBadge dueAt={incident.nextUpdateDueAt} size="lg" />}
        <Text size="sm" c="dimmed" title={formatDateTime(started)}>
          {ended
            ? `Lasted ${formatDuration(Date.parse(ended) - Date.parse(started))}`
            : `Running for ${formatDuration(now - Date.parse(started))}`}{' '}
          · {SOURCE_LABEL[incident.source]}
          {incident.services.length > 0 && ` · ${incident.services.map((s) => s.name).join(', ')}`}
        </Text>
      </Group>
      {incident.channelName && <ChannelName name={incident.channelName} />}
      {incident.mergedInto && (
        <Text size="sm">
          Merged into{' '}
          <Anchor component={Link} to={`/incidents/${incident.mergedInto.number}`}>
            {incident.mergedInto.number}
          </Anchor>
          : follow that incident instead.
        </Text>
      )}
      {incident.declinedReason && (
        <Text size="sm">
          Declined: <em>{incident.declinedReason}</em>
        </Text>
      )}
      {canAct && <StatusActions incident={incident} />}
      {changingSeverity && <ChangeSeverityModal incident={incident} onClose={() => setChangingSeverity(false)} />}
    </Stack>
  );
}

/** The chat channel where the war room talks, ready to paste into the chat's search. */
function ChannelName({ name }: { name: string }) {
  return (
    <Group gap={4} wrap="nowrap">
      <IconHash size={16} aria-hidden />
      <Code aria-label="Channel name">{name}</Code>
      <CopyButton value={name} timeout={2000}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? 'Copied' : 'Copy channel name'} withArrow>
            <ActionIcon
              variant="subtle"
              color={copied ? 'teal' : 'gray'}
              size="sm"
              onClick={copy}
              aria-label={copied ? 'Copied' : 'Copy channel name'}
            >
              {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}
