import type {
  AddSubscriberByAdminInput,
  ComponentGroup,
  ComponentGroupInput,
  EditReportInput,
  MaintenanceInput,
  MaintenanceUpdateInput,
  PublicIncident,
  PublicIncidentReport,
  PublicUpdateInput,
  PublicUpdatePreview,
  PublishIncidentInput,
  StatusComponent,
  StatusComponentInput,
  StatusPageSettings,
  StatusSubscriber,
  UpdateComponentGroupInput,
  UpdateStatusComponentInput,
  UpdateStatusPageSettingsInput,
} from '@firebreak/shared';
import { ApiError } from '@firebreak/shared';
import { useQuery } from '@tanstack/react-query';
import { API, api } from '../../api/client.js';
import { usePagedList } from '../../api/lists.js';
import { useApiMutation } from '../../api/mutations.js';

const BASE = `${API}/status`;

export const keys = {
  all: ['statuspage'] as const,
  components: ['statuspage', 'components'] as const,
  incidents: ['statuspage', 'incidents'] as const,
  incident: (id: string) => ['statuspage', 'incidents', id] as const,
  report: (id: string) => ['statuspage', 'incidents', id, 'report'] as const,
  maintenance: ['statuspage', 'maintenance'] as const,
  subscribers: ['statuspage', 'subscribers'] as const,
  settings: ['statuspage', 'settings'] as const,
};

type Components = { groups: ComponentGroup[]; components: StatusComponent[] };

export const useComponents = () =>
  useQuery({ queryKey: keys.components, queryFn: () => api.get<Components>(`${BASE}/components`) });
export const usePublicIncidents = () =>
  useQuery({
    queryKey: keys.incidents,
    queryFn: () => api.get<{ items: PublicIncident[] }>(`${BASE}/incidents`, { limit: 200 }),
  });
export const usePublicIncident = (id: string) =>
  useQuery({ queryKey: keys.incident(id), queryFn: () => api.get<PublicIncident>(`${BASE}/incidents/${id}`) });
export const useMaintenance = () =>
  useQuery({
    queryKey: keys.maintenance,
    queryFn: () => api.get<{ items: PublicIncident[] }>(`${BASE}/maintenance`, { limit: 200 }),
  });
export const useSubscribers = () => usePagedList<StatusSubscriber>(keys.subscribers, `${BASE}/subscribers`, 200);
export const useSettings = () =>
  useQuery({ queryKey: keys.settings, queryFn: () => api.get<StatusPageSettings>(`${BASE}/settings`) });

/** The report, or null while none was drafted (404). */
export const useReport = (id: string) =>
  useQuery({
    queryKey: keys.report(id),
    queryFn: () =>
      api.get<PublicIncidentReport>(`${BASE}/incidents/${id}/report`).catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }),
  });

// Components and groups

export const useSaveComponent = () =>
  useApiMutation({
    mutationFn: ({ id, ...input }: (StatusComponentInput | UpdateStatusComponentInput) & { id?: string }) =>
      id
        ? api.patch<StatusComponent>(`${BASE}/components/${id}`, input)
        : api.post<StatusComponent>(`${BASE}/components`, input),
    invalidate: [keys.components],
    success: (c, vars) => (vars.id ? `${c.name} saved.` : `Component ${c.name} added.`),
  });

/** Reorders and status changes: the list itself shows the result. */
export const usePatchComponent = () =>
  useApiMutation({
    mutationFn: ({ id, ...input }: UpdateStatusComponentInput & { id: string }) =>
      api.patch<StatusComponent>(`${BASE}/components/${id}`, input),
    invalidate: [keys.components],
  });

export const useDeleteComponent = () =>
  useApiMutation({
    mutationFn: (c: StatusComponent) => api.delete<void>(`${BASE}/components/${c.id}`),
    invalidate: [keys.components],
    success: (_r, c) => `${c.name} removed.`,
  });

export const useSaveGroup = () =>
  useApiMutation({
    mutationFn: ({ id, ...input }: (ComponentGroupInput | UpdateComponentGroupInput) & { id?: string }) =>
      id ? api.patch<ComponentGroup>(`${BASE}/groups/${id}`, input) : api.post<ComponentGroup>(`${BASE}/groups`, input),
    invalidate: [keys.components],
  });

export const useDeleteGroup = () =>
  useApiMutation({
    mutationFn: (g: ComponentGroup) => api.delete<void>(`${BASE}/groups/${g.id}`),
    invalidate: [keys.components],
    success: (_r, g) => `Group ${g.name} removed; its components stay.`,
  });

// Incidents, updates and reports

export const usePublishIncident = () =>
  useApiMutation({
    mutationFn: (input: PublishIncidentInput) => api.post<PublicIncident>(`${BASE}/incidents`, input),
    invalidate: [keys.incidents, keys.components],
    success: 'Published on the status page.',
  });

export const previewUpdate = (id: string, input: PublicUpdateInput) =>
  api.post<PublicUpdatePreview>(`${BASE}/incidents/${id}/updates/preview`, input);

export const usePostUpdate = (id: string) =>
  useApiMutation({
    mutationFn: (input: PublicUpdateInput) => api.post<PublicIncident>(`${BASE}/incidents/${id}/updates`, input),
    invalidate: [keys.incident(id), keys.incidents, keys.components],
    success: 'Update posted.',
  });

export const useResolve = (id: string) =>
  useApiMutation({
    mutationFn: (body: string) => api.post<PublicIncident>(`${BASE}/incidents/${id}/resolve`, { body, confirm: true }),
    invalidate: [keys.incident(id), keys.incidents, keys.components],
    success: 'Resolved on the status page.',
  });

export const useReportAction = (id: string) =>
  useApiMutation({
    mutationFn: (
      action: { kind: 'draft' } | { kind: 'edit'; input: EditReportInput } | { kind: 'review' | 'publish' },
    ) => {
      const path = `${BASE}/incidents/${id}/report`;
      if (action.kind === 'draft') return api.post<PublicIncidentReport>(`${path}/draft`, {});
      if (action.kind === 'edit') return api.patch<PublicIncidentReport>(path, action.input);
      return api.post<PublicIncidentReport>(`${path}/${action.kind}`);
    },
    invalidate: [keys.report(id)],
    success: (r) =>
      r.state === 'published' ? 'Report published.' : r.state === 'reviewed' ? 'Report reviewed.' : 'Report saved.',
  });

// Maintenance

export const useScheduleMaintenance = () =>
  useApiMutation({
    mutationFn: (input: MaintenanceInput) => api.post<PublicIncident>(`${BASE}/maintenance`, input),
    invalidate: [keys.maintenance, keys.components],
    success: 'Maintenance scheduled.',
  });

export const useUpdateMaintenance = () =>
  useApiMutation({
    mutationFn: ({ id, ...input }: MaintenanceUpdateInput & { id: string }) =>
      api.post<PublicIncident>(`${BASE}/maintenance/${id}/updates`, input),
    invalidate: [keys.maintenance, keys.components],
    success: 'Maintenance updated.',
  });

// Subscribers and settings

export const useAddSubscriber = () =>
  useApiMutation({
    mutationFn: (input: AddSubscriberByAdminInput) => api.post<StatusSubscriber>(`${BASE}/subscribers`, input),
    invalidate: [keys.subscribers],
  });

export const useRemoveSubscriber = () =>
  useApiMutation({
    mutationFn: (s: StatusSubscriber) => api.delete<void>(`${BASE}/subscribers/${s.id}`),
    invalidate: [keys.subscribers],
    success: (_r, s) => `${s.address} removed.`,
  });

export const useUpdateSettings = () =>
  useApiMutation({
    mutationFn: (input: UpdateStatusPageSettingsInput) => api.patch<StatusPageSettings>(`${BASE}/settings`, input),
    invalidate: [keys.settings],
    success: 'Settings saved.',
  });
