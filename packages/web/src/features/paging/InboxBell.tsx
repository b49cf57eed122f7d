import type { InboxItem } from '@firebreak/shared';
import { ActionIcon, Indicator, Menu, Text } from '@mantine/core';
import { IconBell, IconBellPlus, IconListDetails } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { formatDateTime } from '../../components/format.js';
import { useInbox, useMarkRead } from './paging.api.js';

/** The header's bell: in-app notifications (pages and notices) with the unread count. */
export function InboxBell() {
  const inbox = useInbox();
  const markRead = useMarkRead();
  const navigate = useNavigate();
  const items = inbox.data?.items ?? [];
  const unread = items.filter((i) => i.readAt === null).length;

  const open = (item: InboxItem) => {
    if (item.readAt === null) markRead.mutate(item.id);
    if (item.pageId) navigate(`/pages/${item.pageId}`);
    else if (item.url) {
      // Notices link to pages of this app by absolute URL; follow them inside the app.
      const url = new URL(item.url, window.location.origin);
      navigate(url.pathname + url.search);
    }
  };

  return (
    <Menu position="bottom-end" width={340} withinPortal>
      <Menu.Target>
        <Indicator label={unread} size={16} color="red" disabled={unread === 0} offset={4}>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            aria-label={unread > 0 ? `Notifications: ${unread} unread` : 'Notifications'}
          >
            <IconBell size={20} />
          </ActionIcon>
        </Indicator>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Notifications</Menu.Label>
        {items.length === 0 && (
          <Text size="sm" c="dimmed" px="sm" py="xs">
            Nothing yet.
          </Text>
        )}
        {items.slice(0, 8).map((item) => (
          <Menu.Item key={item.id} onClick={() => open(item)}>
            <Text size="sm" fw={item.readAt === null ? 700 : 400} lineClamp={2}>
              {item.urgency === 'high' && (
                <Text span c="red" fw={700} size="sm">
                  High ·{' '}
                </Text>
              )}
              {item.summary || 'Notification'}
            </Text>
            <Text size="xs" c="dimmed">
              {formatDateTime(item.createdAt)}
              {item.readAt === null ? ' · unread' : ''}
            </Text>
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item leftSection={<IconListDetails size={16} />} onClick={() => navigate('/pages')}>
          My pages
        </Menu.Item>
        <Menu.Item leftSection={<IconBellPlus size={16} />} onClick={() => navigate('/pages/new')}>
          Page someone
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
