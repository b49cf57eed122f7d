import type {
  Alert,
  AlertDetail,
  AlertGroup,
  AlertGroupDetail,
  BulkResult,
  CreateIntegrationInput,
  Integration,
  IntegrationWithKey,
  NoiseVerdict,
  Page,
  PromoteGroupInput,
  UpdateIntegrationInput,
} from '@firebreak/shared';
import { useQuery } from '@tanstack/react-query';
import { API, api } from '../../api/client.js';
import { usePagedList } from '../../api/lists.js';
import { useApiMutation } from '../../api/mutations.js';

// Alerts keep arriving while someone reads the inbox, so open groups are refetched every few
// seconds; every action refreshes the whole ['alerts'] family (inbox, details, integration stats).
export const keys = {
  all: ['alerts'] as const,
  groups: (status: StatusFilter, serviceId: string | undefined) => ['alerts', 'groups', status, serviceId] as const,
  group: (id: string) => ['alerts', 'group', id] as const,
  alert: (id: string) => ['alerts', 'alert', id] as const,
  integrations: (serviceId: string | undefined) => ['alerts', 'integrations', serviceId] as const,
};

export type StatusFilter = 'open' | 'triggered' | 'acknowledged' | 'resolved' | 'any';
export type AlertAction = 'ack' | 'resolve';

const LIVE_MS = 5_000;

export const useAlertGroups = (status: StatusFilter, serviceId: string | undefined) => {
  const list = usePagedList<AlertGroup>(keys.groups(status, serviceId), `${API}/alert-groups`, 50, {
    status: status === 'any' ? undefined : status,
    serviceId,
  });
  return list;
};

/** Alerts of the listed groups, for their markers (flapping, maintenance) and a glance at what fired. */
export const useAlertsOf = (status: StatusFilter, serviceId: string | undefined) =>
  useQuery({
    queryKey: ['alerts', 'list', status, serviceId] as const,
    queryFn: () =>
      api
        .get<Page<Alert>>(`${API}/alerts`, { status: status === 'any' ? undefined : status, serviceId, limit: 500 })
        .then((page) => byGroup(page.items)),
    refetchInterval: LIVE_MS,
  });

function byGroup(alerts: Alert[]): Map<string, Alert[]> {
  const out = new Map<string, Alert[]>();
  for (const alert of alerts) out.set(alert.groupId, [...(out.get(alert.groupId) ?? []), alert]);
  return out;
}

export const useAlertGroup = (id: string | undefined) =>
  useQuery({
    queryKey: keys.group(id ?? ''),
    queryFn: () => api.get<AlertGroupDetail>(`${API}/alert-groups/${id}`),
    enabled: Boolean(id),
    refetchInterval: (query) => (query.state.data?.status === 'resolved' ? false : LIVE_MS),
  });

export const useAlertDetail = (id: string) =>
  useQuery({ queryKey: keys.alert(id), queryFn: () => api.get<AlertDetail>(`${API}/alerts/${id}`) });

const DONE: Record<AlertAction, string> = { ack: 'acknowledged', resolve: 'resolved' };
const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** Acknowledge or resolve alert groups (with their alerts) or single alerts, one or many, by the bulk endpoint. */
export const useChangeState = (target: 'alert-groups' | 'alerts') =>
  useApiMutation({
    mutationFn: ({ ids, action }: { ids: string[]; action: AlertAction }) =>
      api.post<BulkResult>(`${API}/${target}/${action}`, { ids }),
    invalidate: [keys.all],
    success: (result, { action }) => {
      const what = target === 'alerts' ? 'alert' : 'alert group';
      const skipped = result.unchanged.length ? ` (${plural(result.unchanged.length, what)} already were)` : '';
      return `${plural(result.changed.length, what)} ${DONE[action]}${skipped}.`;
    },
  });

export const useMarkNoise = () =>
  useApiMutation({
    mutationFn: ({ ids, verdict }: { ids: string[]; verdict: NoiseVerdict | null }) =>
      api.post<BulkResult>(`${API}/alerts/feedback`, { ids, verdict }),
    invalidate: [keys.all],
    success: (result, { verdict }) =>
      verdict
        ? `${plural(result.changed.length + result.unchanged.length, 'alert')} marked ${verdict}.`
        : 'Feedback cleared.',
  });

/** Noise feedback for whole groups: the verdict applies to each of their alerts. */
export const useMarkGroupsNoise = () =>
  useApiMutation({
    mutationFn: async ({ groupIds, verdict }: { groupIds: string[]; verdict: NoiseVerdict }) => {
      const groups = await Promise.all(groupIds.map((id) => api.get<AlertGroupDetail>(`${API}/alert-groups/${id}`)));
      const ids = groups.flatMap((g) => g.alerts.map((a) => a.id));
      return api.post<BulkResult>(`${API}/alerts/feedback`, { ids, verdict });
    },
    invalidate: [keys.all],
    success: (result, { verdict }) =>
      `${plural(result.changed.length + result.unchanged.length, 'alert')} marked ${verdict}.`,
  });

export type Promoted = { group: AlertGroup; incidentId: string; incidentNumber: string };

export const usePromoteGroup = () =>
  useApiMutation({
    mutationFn: ({ id, input }: { id: string; input: PromoteGroupInput }) =>
      api.post<Promoted>(`${API}/alert-groups/${id}/promote`, input),
    invalidate: [keys.all, ['incidents']],
    success: (result) => `Declared ${result.incidentNumber}.`,
  });

// Integrations

export const useIntegrations = (serviceId: string | undefined) =>
  usePagedList<Integration>(keys.integrations(serviceId), `${API}/integrations`, 100, { serviceId });

export const useCreateIntegration = () =>
  useApiMutation({
    mutationFn: (input: CreateIntegrationInput) => api.post<IntegrationWithKey>(`${API}/integrations`, input),
    invalidate: [keys.all],
  });

export const useUpdateIntegration = () =>
  useApiMutation({
    mutationFn: ({ id, input }: { id: string; input: UpdateIntegrationInput }) =>
      api.patch<Integration>(`${API}/integrations/${id}`, input),
    invalidate: [keys.all],
    success: (integration) => `${integration.name} saved.`,
  });

export const useRotateKey = () =>
  useApiMutation({
    mutationFn: (id: string) => api.post<IntegrationWithKey>(`${API}/integrations/${id}/rotate-key`, {}),
    invalidate: [keys.all],
  });

export const useDeleteIntegration = () =>
  useApiMutation({
    mutationFn: (integration: Integration) => api.delete<void>(`${API}/integrations/${integration.id}`),
    invalidate: [keys.all],
    success: (_r, integration) => `${integration.name} deleted.`,
  });

export const useSendTestEvent = () =>
  useApiMutation({
    mutationFn: (id: string) =>
      api.post<{ dedupKey: string; alertId: string | null }>(`${API}/integrations/${id}/test`, { severity: 'info' }),
    invalidate: [keys.all],
    success: 'Test event sent: it shows in the alerts inbox as an info alert.',
  });
