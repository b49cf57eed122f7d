import { Button, Group, Stack, Tabs, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconExternalLink } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { ComponentsTab } from './ComponentsTab.js';
import { IncidentsTab } from './IncidentsTab.js';
import { MaintenanceTab } from './MaintenanceTab.js';
import { SettingsTab } from './SettingsTab.js';
import { SubscribersTab } from './SubscribersTab.js';

const TABS = [
  { value: 'components', label: 'Components', panel: ComponentsTab },
  { value: 'incidents', label: 'Incidents', panel: IncidentsTab },
  { value: 'maintenance', label: 'Maintenance', panel: MaintenanceTab },
  { value: 'subscribers', label: 'Subscribers', panel: SubscribersTab },
  { value: 'settings', label: 'Settings', panel: SettingsTab },
] as const;

/** The status page's admin (`/status-page?tab=…`); the tab lives in the URL so links and reloads keep it. */
export default function StatusPageAdmin() {
  useDocumentTitle('Status page · Firebreak');
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((t) => t.value === params.get('tab')) ?? TABS[0];
  return (
    <Stack gap="md" maw={1200}>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Status page
        </Title>
        <Button
          component="a"
          href="/status"
          target="_blank"
          variant="default"
          rightSection={<IconExternalLink size={16} />}
        >
          Open public page
        </Button>
      </Group>
      <Tabs value={tab.value} onChange={(v) => v && setParams({ tab: v }, { replace: true })}>
        <Tabs.List>
          {TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <tab.panel />
    </Stack>
  );
}
