import { lazy } from 'react';
import type { RouteObject } from 'react-router';

// Each page is its own chunk, fetched on first visit.
const AlertsInboxPage = lazy(() => import('./AlertsInboxPage.js'));
const AlertGroupPage = lazy(() => import('./AlertGroupPage.js'));
const IntegrationsPage = lazy(() => import('./IntegrationsPage.js'));

/** The alerts pages, under /alerts. */
export const alertRoutes: RouteObject[] = [
  {
    path: 'alerts',
    children: [
      { index: true, element: <AlertsInboxPage /> },
      { path: 'groups/:id', element: <AlertGroupPage /> },
      { path: 'integrations', element: <IntegrationsPage /> },
    ],
  },
];
