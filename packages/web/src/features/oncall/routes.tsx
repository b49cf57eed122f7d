import { lazy } from 'react';
import type { RouteObject } from 'react-router';

// Each page is its own chunk, fetched on first visit.
const OnCallPage = lazy(() => import('./OnCallPage.js'));
const SchedulePage = lazy(() => import('./SchedulePage.js'));
const ScheduleEditorPage = lazy(() => import('./ScheduleEditorPage.js'));
const PolicyEditorPage = lazy(() => import('./PolicyEditorPage.js'));

/** The on-call pages, under /oncall. */
export const oncallRoutes: RouteObject[] = [
  {
    path: 'oncall',
    children: [
      { index: true, element: <OnCallPage /> },
      { path: 'schedules/new', element: <ScheduleEditorPage /> },
      { path: 'schedules/:id', element: <SchedulePage /> },
      { path: 'schedules/:id/edit', element: <ScheduleEditorPage /> },
      { path: 'policies/new', element: <PolicyEditorPage /> },
      { path: 'policies/:id', element: <PolicyEditorPage /> },
    ],
  },
];
