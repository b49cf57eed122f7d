import type {
  ContactMethodCheck,
  CreatePageInput,
  FailingContactMethod,
  InboxItem,
  NotificationRules,
  NotificationRulesInput,
  Page,
  PageDetail,
  PageView,
  Readiness,
  SigningSecret,
  WorkingHours,
} from '@firebreak/shared';
import { useQuery } from '@tanstack/react-query';
import { API, api } from '../../api/client.js';
import { usePagedList } from '../../api/lists.js';
import { useApiMutation } from '../../api/mutations.js';

// Pages change under the reader's feet (escalation steps, someone else acknowledging), so the open
// ones are refetched every few seconds; an action refreshes the whole ['paging'] family.
export const keys = {
  all: ['paging'] as const,
  pages: (scope: Scope, status: StatusFilter) => ['paging', 'pages', scope, status] as const,
  page: (id: string) => ['paging', 'pages', id] as const,
  inbox: ['paging', 'inbox'] as const,
  rules: ['paging', 'rules'] as const,
  hours: ['paging', 'hours'] as const,
  checks: ['paging', 'checks'] as const,
  readiness: ['paging', 'readiness'] as const,
  failing: ['paging', 'failing'] as const,
  signingSecret: (contactMethodId: string) => ['paging', 'signing-secret', contactMethodId] as const,
};

export type Scope = 'mine' | 'all';
export type StatusFilter = 'open' | 'resolved' | 'any';
export type PageAction = 'ack' | 'resolve' | 'escalate';

const LIVE_MS = 5_000;

export const usePages = (scope: Scope, status: StatusFilter) => {
  const list = usePagedList<PageView>(keys.pages(scope, status), `${API}/pages`, 50, {
    scope,
    status: status === 'any' ? undefined : status,
  });
  return list;
};

export const usePage = (id: string) =>
  useQuery({
    queryKey: keys.page(id),
    queryFn: () => api.get<PageDetail>(`${API}/pages/${id}`),
    refetchInterval: (query) => (query.state.data?.status === 'resolved' ? false : LIVE_MS),
  });

const ACTION_DONE: Record<PageAction, string> = {
  ack: 'Acknowledged: the escalation stopped.',
  resolve: 'Resolved.',
  escalate: 'Escalated to the next level.',
};

export const usePageAction = () =>
  useApiMutation({
    mutationFn: ({ id, action }: { id: string; action: PageAction }) =>
      api.post<PageDetail>(`${API}/pages/${id}/${action}`, {}),
    invalidate: [keys.all],
    success: (_page, { action }) => ACTION_DONE[action],
  });

export const useCreatePage = () =>
  useApiMutation({
    mutationFn: (input: CreatePageInput) => api.post<PageDetail>(`${API}/pages`, input),
    invalidate: [keys.all],
    success: (page) => `Paging: ${page.summary}`,
  });

// Me

export const useInbox = () =>
  useQuery({
    queryKey: keys.inbox,
    queryFn: () => api.get<Page<InboxItem>>(`${API}/me/inbox`, { limit: 20 }),
    refetchInterval: 15_000,
  });

export const useMarkRead = () =>
  useApiMutation({
    mutationFn: (id: string) => api.post<void>(`${API}/me/inbox/${id}/read`, {}),
    invalidate: [keys.inbox],
  });

export const useNotificationRules = () =>
  useQuery({ queryKey: keys.rules, queryFn: () => api.get<NotificationRules>(`${API}/me/notification-rules`) });

export const useSetNotificationRules = () =>
  useApiMutation({
    mutationFn: (input: NotificationRulesInput) => api.put<NotificationRules>(`${API}/me/notification-rules`, input),
    invalidate: [keys.rules, keys.readiness],
    success: 'Notification rules saved.',
  });

export const useWorkingHours = () =>
  useQuery({ queryKey: keys.hours, queryFn: () => api.get<WorkingHours>(`${API}/me/working-hours`) });

export const useSetWorkingHours = () =>
  useApiMutation({
    mutationFn: (input: WorkingHours) => api.put<WorkingHours>(`${API}/me/working-hours`, input),
    invalidate: [keys.hours],
    success: 'Working hours saved.',
  });

/** Verification per contact method; polled while a test notification is still on its way. */
export const useMethodChecks = () =>
  useQuery({
    queryKey: keys.checks,
    queryFn: () => api.get<Page<ContactMethodCheck>>(`${API}/me/contact-method-checks`),
    refetchInterval: (query) =>
      query.state.data?.items.some((c) => c.lastTest && ['pending', 'sending', 'retrying'].includes(c.lastTest.status))
        ? 1_500
        : false,
  });

export const useSendTest = () =>
  useApiMutation({
    mutationFn: (contactMethodId: string) =>
      api.post<{ notificationId: string }>(`${API}/me/contact-methods/${contactMethodId}/test`, {}),
    invalidate: [keys.checks, keys.readiness],
    success: 'Test notification sent. The method shows as verified once it is delivered.',
  });

/** A webhook's signing secret, fetched only when asked for. */
export const useSigningSecret = (contactMethodId: string, enabled: boolean) =>
  useQuery({
    queryKey: keys.signingSecret(contactMethodId),
    queryFn: () => api.get<SigningSecret>(`${API}/me/contact-methods/${contactMethodId}/signing-secret`),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useRotateSigningSecret = (contactMethodId: string) =>
  useApiMutation({
    mutationFn: () => api.post<SigningSecret>(`${API}/me/contact-methods/${contactMethodId}/signing-secret/rotate`, {}),
    invalidate: [keys.signingSecret(contactMethodId)],
    success: 'New signing secret. The old one keeps signing for 24 hours, until you stop it.',
  });

export const useFinishSigningSecretRotation = (contactMethodId: string) =>
  useApiMutation({
    mutationFn: () => api.post<void>(`${API}/me/contact-methods/${contactMethodId}/signing-secret/finish-rotation`, {}),
    invalidate: [keys.signingSecret(contactMethodId)],
    success: 'The old signing secret no longer signs.',
  });

// Readiness

export const useReadiness = () =>
  useQuery({ queryKey: keys.readiness, queryFn: () => api.get<Readiness>(`${API}/paging/readiness`) });

export const useFailingMethods = (enabled: boolean) =>
  useQuery({
    queryKey: keys.failing,
    queryFn: () => api.get<Page<FailingContactMethod>>(`${API}/paging/failing-contact-methods`),
    enabled,
  });
