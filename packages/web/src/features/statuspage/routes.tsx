import { lazy } from 'react';
import type { RouteObject } from 'react-router';

// Each page is its own chunk, fetched on first visit.
const StatusPageAdmin = lazy(() => import('./StatusPageAdmin.js'));
const PublicIncidentPage = lazy(() => import('./PublicIncidentPage.js'));

/** The status page's admin under /status-page; the public page itself is served by the server at /status. */
export const statuspageRoutes: RouteObject[] = [
  {
    path: 'status-page',
    children: [
      { index: true, element: <StatusPageAdmin /> },
      { path: 'incidents/:id', element: <PublicIncidentPage /> },
    ],
  },
];
