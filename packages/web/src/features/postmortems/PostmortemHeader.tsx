import type { PostmortemDetail } from '@firebreak/shared';
import { Anchor, Button, Group, Menu, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { IconChevronDown, IconDownload, IconPencil } from '@tabler/icons-react';
import { Link } from 'react-router';
import { SeverityBadge } from '../incidents/IncidentBadges.js';
import { LifecycleActions } from './LifecycleActions.js';
import { PostmortemOverdueBadge, PostmortemStatusBadge } from './PostmortemBadges.js';
import { exportUrl } from './postmortems.api.js';
import type { Mode } from './SectionCard.js';

/** Where it belongs, what state it is in, and what to do next: write or review, move it on, export it. */
export function PostmortemHeader({
  pm,
  mode,
  onMode,
  canWrite,
  onEditDetails,
}: {
  pm: PostmortemDetail;
  mode: Mode;
  onMode: (mode: Mode) => void;
  canWrite: boolean;
  onEditDetails: () => void;
}) {
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Anchor component={Link} to="/postmortems" size="sm">
          Postmortems
        </Anchor>
        <Text size="sm" c="dimmed">
          /
        </Text>
        <Text size="sm" c="dimmed" ff="monospace">
          {pm.incident.number}
        </Text>
      </Group>
      <Group gap="sm" align="center" wrap="wrap">
        <Title order={1} size="h2">
          {pm.title}
        </Title>
        {canWrite && (
          <Button size="compact-xs" variant="subtle" leftSection={<IconPencil size={12} />} onClick={onEditDetails}>
            Details
          </Button>
        )}
      </Group>
      <Group gap="xs" wrap="wrap">
        <PostmortemStatusBadge status={pm.status} size="lg" />
        <PostmortemOverdueBadge postmortem={pm} size="lg" />
        <SeverityBadge severity={pm.incident.severity} size="lg" />
        <Anchor component={Link} to={`/incidents/${pm.incident.number}`} size="sm">
          {pm.incident.number} {pm.incident.title}
        </Anchor>
      </Group>
      <Group gap="sm" wrap="wrap" align="flex-start">
        <SegmentedControl
          size="xs"
          aria-label="Mode"
          value={mode}
          onChange={(v) => onMode(v as Mode)}
          data={[
            { value: 'write', label: canWrite ? 'Write' : 'Read' },
            { value: 'review', label: 'Review' },
          ]}
        />
        <Menu position="bottom-start">
          <Menu.Target>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconDownload size={14} />}
              rightSection={<IconChevronDown size={12} />}
            >
              Export
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item component="a" href={exportUrl(pm.id, 'markdown')} download>
              Markdown (.md)
            </Menu.Item>
            <Menu.Item component="a" href={exportUrl(pm.id, 'html')} download>
              Standalone HTML
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
        {canWrite && <LifecycleActions pm={pm} />}
      </Group>
    </Stack>
  );
}
