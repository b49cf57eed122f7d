import { ScrollArea, Stack, Tabs, Title } from '@mantine/core';
import { Suspense } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { PageLoader } from '../../components/PageState.js';

const TABS = [
  { value: 'profile', label: 'Profile' },
  { value: 'users', label: 'Users' },
  { value: 'teams', label: 'Teams' },
  { value: 'services', label: 'Services' },
  { value: 'severities', label: 'Severities' },
  { value: 'chat', label: 'Chat' },
  { value: 'tokens', label: 'API tokens' },
] as const;

export default function SettingsLayout() {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const current = pathname.split('/')[2] ?? 'profile';
  return (
    <Stack gap="md" maw={1100}>
      <Title order={1} size="h2">
        Settings
      </Title>
      <ScrollArea type="never">
        <Tabs value={current} onChange={(value) => value && navigate(`/settings/${value}`)}>
          <Tabs.List aria-label="Settings sections" style={{ flexWrap: 'nowrap' }}>
            {TABS.map((tab) => (
              <Tabs.Tab key={tab.value} value={tab.value}>
                {tab.label}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
      </ScrollArea>
      <Suspense fallback={<PageLoader />}>
        <Outlet />
      </Suspense>
    </Stack>
  );
}
