import { lazy } from 'react';
import type { RouteObject } from 'react-router';

// The charts are only needed on this page: its own chunk, fetched on first visit.
const AnalyticsPage = lazy(() => import('./AnalyticsPage.js'));

export const analyticsRoutes: RouteObject[] = [{ path: 'analytics', element: <AnalyticsPage /> }];
