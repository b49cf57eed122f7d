import { Anchor, AppShell, Burger, Button, Group, NavLink, ScrollArea, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconFlame } from '@tabler/icons-react';
import { Suspense, useEffect } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { PageLoader } from '../../components/PageState.js';
import { InboxBell } from '../paging/InboxBell.js';
import { BrandMark } from './BrandMark.js';
import { ColorSchemeToggle } from './ColorSchemeToggle.js';
import { NAV_ITEMS } from './navigation.js';
import { UserMenu } from './UserMenu.js';

function isActive(pathname: string, to: string): boolean {
  return to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
}

export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  // On a phone the navbar covers the page; once a link is followed it has done its job.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation by design
  useEffect(close, [pathname]);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Anchor component={Link} to="/" c="inherit" underline="never">
              <Group gap={8} wrap="nowrap">
                <BrandMark />
                <Title order={2} size="h4" fw={700}>
                  Firebreak
                </Title>
              </Group>
            </Anchor>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {/* A link, not the dialog itself: the declare form loads with the incidents chunk. */}
            <Button
              component={Link}
              to="/incidents/declare"
              color="red"
              size="xs"
              leftSection={<IconFlame size={14} />}
            >
              Declare incident
            </Button>
            <InboxBell />
            <ColorSchemeToggle />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" component="nav" aria-label="Main">
        <ScrollArea>
          {NAV_ITEMS.map((item) => (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              label={item.label}
              leftSection={<item.icon size={18} stroke={1.6} aria-hidden />}
              active={isActive(pathname, item.to)}
              aria-current={isActive(pathname, item.to) ? 'page' : undefined}
              variant="light"
              style={{ borderRadius: 'var(--mantine-radius-sm)' }}
            />
          ))}
        </ScrollArea>
      </AppShell.Navbar>

      <AppShell.Main>
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
