import type {
  AcceptTriageInput,
  AddNoteInput,
  AssignRoleInput,
  ChangeSeverityInput,
  ChangeStatusInput,
  CreateIncidentRoleTypeInput,
  CreateSeverityInput,
  Decision,
  DeclaredIncident,
  DeclareIncidentInput,
  DeclineTriageInput,
  IncidentCounts,
  IncidentDetail,
  IncidentRoleType,
  IncidentStatus,
  IncidentSummary,
  MergeIncidentInput,
  PostStatusUpdateInput,
  RecordDecisionInput,
  Severity,
  SimilarIncident,
  StatusUpdate,
  Subscriber,
  TimelineEntry,
  UpdateSeverityInput,
} from '@firebreak/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { API, api } from '../../api/client.js';
import { usePagedList } from '../../api/lists.js';
import { useApiMutation } from '../../api/mutations.js';

/**
 * Query keys. Everything about one incident sits under `incident(ref)`, so a live event or a write
 * refreshes the page with one invalidation; every list sits under `incidents`.
 */
export const keys = {
  incidents: ['incidents'] as const,
  list: (filters: ListFilters) => ['incidents', 'list', filters] as const,
  counts: ['incidents', 'counts'] as const,
  similar: (q: string) => ['incidents', 'similar', q] as const,
  anyIncident: ['incident'] as const,
  incident: (ref: string) => ['incident', ref] as const,
  timeline: (ref: string, filter: TimelineFilter) => ['incident', ref, 'timeline', filter] as const,
  subscribers: (ref: string) => ['incident', ref, 'subscribers'] as const,
  severities: ['severities'] as const,
  roleTypes: ['incident-roles'] as const,
};

/** The list's filters as the API takes them (comma lists, `mine` as a flag). */
export type ListFilters = {
  status?: string | undefined;
  severity?: string | undefined;
  service?: string | undefined;
  mine?: boolean | undefined;
  text?: string | undefined;
};

export type TimelineFilter = { kind?: string | undefined };

const path = (ref: string, rest = '') => `${API}/incidents/${encodeURIComponent(ref)}${rest}`;

// Reads

export const useIncidentList = (filters: ListFilters) =>
  usePagedList<IncidentSummary>(keys.list(filters), `${API}/incidents`, 50, filters);

export const useIncidentCounts = () =>
  useQuery({ queryKey: keys.counts, queryFn: () => api.get<IncidentCounts>(`${API}/incidents/counts`) });

export const useIncident = (ref: string) =>
  useQuery({ queryKey: keys.incident(ref), queryFn: () => api.get<IncidentDetail>(path(ref)) });

export const useTimeline = (ref: string, filter: TimelineFilter) =>
  usePagedList<TimelineEntry>(keys.timeline(ref, filter), path(ref, '/timeline'), 50, { ...filter, order: 'desc' });

export const useSubscribers = (ref: string) =>
  useQuery({
    queryKey: keys.subscribers(ref),
    queryFn: () => api.get<{ items: Subscriber[] }>(path(ref, '/subscribers')).then((r) => r.items),
  });

export const useSeverities = () =>
  useQuery({
    queryKey: keys.severities,
    queryFn: () => api.get<{ items: Severity[] }>(`${API}/severities`).then((r) => r.items),
    staleTime: 5 * 60_000,
  });

export const useRoleTypes = () =>
  useQuery({
    queryKey: keys.roleTypes,
    queryFn: () => api.get<{ items: IncidentRoleType[] }>(`${API}/incident-roles`).then((r) => r.items),
    staleTime: 5 * 60_000,
  });

/** Past incidents like `text`; idle until there are a few characters to go on. */
export const useSimilarIncidents = (text: string, exclude?: string) =>
  useQuery({
    queryKey: [...keys.similar(text), exclude],
    queryFn: () =>
      api
        .get<{ items: SimilarIncident[] }>(`${API}/incidents/similar`, { q: text, limit: 5, exclude })
        .then((r) => r.items),
    enabled: text.trim().length >= 3,
    staleTime: 60_000,
    // Keeps the last suggestions on screen while the next words are looked up.
    placeholderData: keepPreviousData,
  });

// Writes on one incident: each refreshes the incident pages and the lists. Every cached incident,
// not only `ref`: the page may have been opened by id and the write made by number (or a merge
// changes two incidents), and only what is on screen is actually re-read.

const incidentWrite = <TVars, TResult>(
  mutationFn: (vars: TVars) => Promise<TResult>,
  success?: string | ((result: TResult, vars: TVars) => string),
) => useApiMutation<TVars, TResult>({ mutationFn, invalidate: [keys.anyIncident, keys.incidents], success });

export const useDeclareIncident = () =>
  useApiMutation({
    mutationFn: (input: DeclareIncidentInput) => api.post<DeclaredIncident>(`${API}/incidents`, input),
    invalidate: [keys.incidents],
    success: ({ incident }) => `${incident.number} declared. You are in command until you hand over.`,
  });

export const useChangeStatus = (ref: string) =>
  incidentWrite(
    (input: ChangeStatusInput) => api.post<IncidentDetail>(path(ref, '/status'), input),
    (incident) => `${incident.number} is now ${incident.status}.`,
  );

export const useChangeSeverity = (ref: string) =>
  incidentWrite(
    (input: ChangeSeverityInput) => api.post<IncidentDetail>(path(ref, '/severity'), input),
    (incident) => `${incident.number} is now ${incident.severity?.name ?? incident.severity?.key}.`,
  );

export const useAssignRole = (ref: string) =>
  incidentWrite((input: AssignRoleInput) => api.post<IncidentDetail>(path(ref, '/roles'), input));

export const useRelieveRole = (ref: string) =>
  incidentWrite((input: { role: string; userId: string }) =>
    api.delete<IncidentDetail>(
      path(ref, `/roles/${encodeURIComponent(input.role)}/${encodeURIComponent(input.userId)}`),
    ),
  );

export const useAddNote = (ref: string) =>
  incidentWrite((input: AddNoteInput) => api.post<TimelineEntry>(path(ref, '/notes'), input));

export const usePinEntry = (ref: string) =>
  incidentWrite(({ entryId, pinned }: { entryId: string; pinned: boolean }) => {
    const url = path(ref, `/timeline/${encodeURIComponent(entryId)}/pin`);
    return pinned ? api.put<TimelineEntry>(url) : api.delete<TimelineEntry>(url);
  });

export const useRetractNote = (ref: string) =>
  incidentWrite(
    (entryId: string) => api.post<TimelineEntry>(path(ref, `/timeline/${encodeURIComponent(entryId)}/retract`), {}),
    'Note retracted.',
  );

export const useRecordDecision = (ref: string) =>
  incidentWrite(
    (input: RecordDecisionInput) => api.post<Decision>(path(ref, '/decisions'), input),
    'Decision recorded.',
  );

export const usePostStatusUpdate = (ref: string) =>
  incidentWrite(
    (input: PostStatusUpdateInput) => api.post<StatusUpdate>(path(ref, '/updates'), input),
    (update) => (update.audience === 'public' ? 'Public update posted.' : 'Update posted to stakeholders.'),
  );

export const useSubscribe = (ref: string) =>
  incidentWrite((userId?: string) =>
    api.post<{ items: Subscriber[] }>(path(ref, '/subscribers'), userId ? { userId } : {}),
  );

export const useUnsubscribe = (ref: string) =>
  incidentWrite((userId: string) => api.delete<void>(path(ref, `/subscribers/${encodeURIComponent(userId)}`)));

// Triage

export const useAcceptTriage = (ref: string) =>
  incidentWrite(
    (input: AcceptTriageInput) => api.post<IncidentDetail>(path(ref, '/triage/accept'), input),
    (incident) => `${incident.number} accepted as ${incident.severity?.name ?? 'an incident'}.`,
  );

export const useDeclineTriage = (ref: string) =>
  incidentWrite(
    (input: DeclineTriageInput) => api.post<IncidentDetail>(path(ref, '/triage/decline'), input),
    (incident) => `${incident.number} declined.`,
  );

export const useMergeIncident = (ref: string) =>
  incidentWrite(
    (input: MergeIncidentInput) => api.post<IncidentDetail>(path(ref, '/triage/merge'), input),
    (incident) => `${incident.number} merged into ${incident.mergedInto?.number ?? 'the open incident'}.`,
  );

// Severities (admins)

export const useCreateSeverity = () =>
  useApiMutation({
    mutationFn: (input: CreateSeverityInput) => api.post<Severity>(`${API}/severities`, input),
    invalidate: [keys.severities],
    success: (s) => `Severity ${s.name} added.`,
  });

export const useUpdateSeverity = () =>
  useApiMutation({
    mutationFn: ({ key, ...input }: UpdateSeverityInput & { key: string }) =>
      api.patch<Severity>(`${API}/severities/${encodeURIComponent(key)}`, input),
    invalidate: [keys.severities, keys.incidents],
    success: (s) => `Severity ${s.name} saved.`,
  });

// Custom incident roles (admins)

export const useCreateRoleType = () =>
  useApiMutation({
    mutationFn: (input: CreateIncidentRoleTypeInput) => api.post<IncidentRoleType>(`${API}/incident-roles`, input),
    invalidate: [keys.roleTypes],
    success: (r) => `Role ${r.name} added.`,
  });

export const useDeleteRoleType = () =>
  useApiMutation({
    mutationFn: (role: IncidentRoleType) => api.delete<void>(`${API}/incident-roles/${encodeURIComponent(role.key)}`),
    invalidate: [keys.roleTypes],
    success: (_, role) => `Role ${role.name} deleted.`,
  });

/** Statuses still being handled: the list's default view. */
export const OPEN_STATUSES: IncidentStatus[] = ['triage', 'investigating', 'identified', 'monitoring'];
