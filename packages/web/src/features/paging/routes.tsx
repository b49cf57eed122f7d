import { lazy } from 'react';
import type { RouteObject } from 'react-router';

// Each page is its own chunk, fetched on first visit.
const PagesPage = lazy(() => import('./PagesPage.js'));
const PageDetailPage = lazy(() => import('./PageDetailPage.js'));
const PageSomeonePage = lazy(() => import('./PageSomeonePage.js'));

/** The paging pages, under /pages (notification links point at /pages/:id). */
export const pagingRoutes: RouteObject[] = [
  {
    path: 'pages',
    children: [
      { index: true, element: <PagesPage /> },
      { path: 'new', element: <PageSomeonePage /> },
      { path: ':id', element: <PageDetailPage /> },
    ],
  },
];
