import { Dashboard } from '../analytics/Dashboard.js';

/** The home page; its content lives with the analytics feature, which serves its figures. */
export function DashboardPage() {
  return <Dashboard />;
}
