import type {
  CadenceFigures,
  Dashboard,
  IncidentFigures,
  OncallLoadFigures,
  PostmortemFigures,
  ResponseFigures,
  SummaryFigures,
} from '@firebreak/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { API, api } from '../../api/client.js';

/** What the Analytics page asks about: a range and optional filters, as the API takes them. */
export type FigureFilters = { from: string; to: string; team?: string; service?: string; severity?: string };

type Groups = {
  summary: SummaryFigures;
  incidents: IncidentFigures;
  response: ResponseFigures;
  'oncall-load': OncallLoadFigures;
  cadence: CadenceFigures;
  postmortems: PostmortemFigures;
};
export type FigureGroup = keyof Groups;

export const keys = {
  dashboard: ['analytics', 'dashboard'] as const,
  figures: (group: FigureGroup, filters: FigureFilters) => ['analytics', group, filters] as const,
};

/** The home page in one request, refreshed every minute while it is open. */
export const useDashboard = () =>
  useQuery({
    queryKey: keys.dashboard,
    queryFn: () => api.get<Dashboard>(`${API}/analytics/dashboard`),
    refetchInterval: 60_000,
  });

/** One figure group; the previous answer stays on screen while new filters load. */
export function useFigures<G extends FigureGroup>(group: G, filters: FigureFilters) {
  return useQuery({
    queryKey: keys.figures(group, filters),
    queryFn: () => api.get<Groups[G]>(`${API}/analytics/${group}`, filters),
    placeholderData: keepPreviousData,
  });
}

/** The same figures as CSV: a plain link, so the browser downloads it with the session cookie. */
export function csvUrl(group: FigureGroup, filters: FigureFilters): string {
  const params = new URLSearchParams({ format: 'csv' });
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  return `${API}/analytics/${group}?${params}`;
}
