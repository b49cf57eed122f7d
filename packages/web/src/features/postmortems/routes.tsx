import { lazy } from 'react';
import type { RouteObject } from 'react-router';

// Each page is its own chunk, fetched on first visit.
const PostmortemsPage = lazy(() => import('./PostmortemsPage.js'));
const PostmortemPage = lazy(() => import('./PostmortemPage.js'));
const ActionItemsPage = lazy(() => import('./ActionItemsPage.js'));

/** The repository and the editor under /postmortems (`/postmortems/INC-42`), the board at /action-items. */
export const postmortemRoutes: RouteObject[] = [
  {
    path: 'postmortems',
    children: [
      { index: true, element: <PostmortemsPage /> },
      { path: ':ref', element: <PostmortemPage /> },
    ],
  },
  { path: 'action-items', element: <ActionItemsPage /> },
];
