import {
  IconAlertTriangle,
  IconBellRinging,
  IconCalendarUser,
  IconChartBar,
  IconChecklist,
  IconFileText,
  IconFlame,
  IconLayoutDashboard,
  IconSettings,
  IconWorld,
} from '@tabler/icons-react';

/** The navbar, in order. `module` names the server module a placeholder page is waiting for. */
export const NAV_ITEMS = [
  { to: '/', label: 'Dashboard', icon: IconLayoutDashboard },
  { to: '/incidents', label: 'Incidents', icon: IconFlame },
  { to: '/alerts', label: 'Alerts', icon: IconAlertTriangle },
  { to: '/oncall', label: 'On-call', icon: IconCalendarUser },
  { to: '/pages', label: 'Pages', icon: IconBellRinging },
  { to: '/postmortems', label: 'Postmortems', icon: IconFileText },
  { to: '/action-items', label: 'Action items', icon: IconChecklist },
  { to: '/status-page', label: 'Status page', icon: IconWorld },
  { to: '/analytics', label: 'Analytics', icon: IconChartBar },
  { to: '/settings', label: 'Settings', icon: IconSettings },
] as const;
