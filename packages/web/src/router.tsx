import { lazy } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { alertRoutes } from './features/alerts/routes.js';
import { analyticsRoutes } from './features/analytics/routes.js';
import { RequireAuth } from './features/auth/RequireAuth.js';
import { SignInPage } from './features/auth/SignInPage.js';
import { AppLayout } from './features/layout/AppLayout.js';
import { ComingSoon } from './features/layout/ComingSoon.js';
import { DashboardPage } from './features/layout/DashboardPage.js';
import { NotFoundPage } from './features/layout/NotFoundPage.js';
import { NAV_ITEMS } from './features/layout/navigation.js';
import { oncallRoutes } from './features/oncall/routes.js';
import { pagingRoutes } from './features/paging/routes.js';
import { postmortemRoutes } from './features/postmortems/routes.js';
import { statuspageRoutes } from './features/statuspage/routes.js';

// Settings are visited rarely: each page is its own chunk, fetched on first visit.
const SettingsLayout = lazy(() => import('./features/directory/SettingsLayout.js'));
const ProfilePage = lazy(() => import('./features/directory/ProfilePage.js'));
const UsersPage = lazy(() => import('./features/directory/UsersPage.js'));
const TeamsPage = lazy(() => import('./features/directory/TeamsPage.js'));
const ServicesPage = lazy(() => import('./features/directory/ServicesPage.js'));
const TokensPage = lazy(() => import('./features/directory/TokensPage.js'));
const SeveritySettingsPage = lazy(() => import('./features/incidents/SeveritySettingsPage.js'));
const ChatSettingsPage = lazy(() => import('./features/chat/ChatSettingsPage.js'));

// Incidents: the list, the war-room page, the triage queue and the declare form, each its own chunk.
const IncidentsPage = lazy(() => import('./features/incidents/IncidentsPage.js'));
const IncidentPage = lazy(() => import('./features/incidents/IncidentPage.js'));
const TriagePage = lazy(() => import('./features/incidents/TriagePage.js'));
const DeclareIncidentPage = lazy(() => import('./features/incidents/DeclareIncidentPage.js'));

const placeholders = NAV_ITEMS.flatMap((item) =>
  'module' in item
    ? [{ path: item.to.slice(1), element: <ComingSoon title={item.label} module={String(item.module)} /> }]
    : [],
);

export const router = createBrowserRouter([
  { path: '/signin', element: <SignInPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <DashboardPage /> },
      ...placeholders,
      ...alertRoutes,
      ...oncallRoutes,
      ...pagingRoutes,
      ...analyticsRoutes,
      ...postmortemRoutes,
      ...statuspageRoutes,
      { path: 'incidents', element: <IncidentsPage /> },
      { path: 'incidents/triage', element: <TriagePage /> },
      { path: 'incidents/declare', element: <DeclareIncidentPage /> },
      { path: 'incidents/:ref', element: <IncidentPage /> },
      {
        path: 'settings',
        element: <SettingsLayout />,
        children: [
          { index: true, element: <Navigate to="profile" replace /> },
          { path: 'profile', element: <ProfilePage /> },
          { path: 'users', element: <UsersPage /> },
          { path: 'teams', element: <TeamsPage /> },
          { path: 'services', element: <ServicesPage /> },
          { path: 'tokens', element: <TokensPage /> },
          { path: 'severities', element: <SeveritySettingsPage /> },
          { path: 'chat', element: <ChatSettingsPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
