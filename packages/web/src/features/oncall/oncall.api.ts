import type {
  CreateOverrideInput,
  CreateScheduleInput,
  EscalationPolicy,
  EscalationPolicyInput,
  EscalationPolicySaved,
  GapsAnswer,
  OnCallAnswer,
  OverrideCreated,
  Page,
  ProposeSwapInput,
  Schedule,
  ScheduleLayerInput,
  ScheduleOverride,
  ShiftSwap,
  ShiftsAnswer,
  UpdateScheduleInput,
  UpdateScheduleLayerInput,
} from '@firebreak/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { API, api } from '../../api/client.js';
import { usePagedList } from '../../api/lists.js';
import { useApiMutation } from '../../api/mutations.js';

// Every on-call answer depends on schedules, layers and overrides, so a change to any of them
// refreshes the whole ['oncall'] family rather than guessing which answers moved.
export const keys = {
  all: ['oncall'] as const,
  schedules: ['oncall', 'schedules'] as const,
  schedule: (id: string) => ['oncall', 'schedules', id] as const,
  shifts: (id: string, from: number, to: number) => ['oncall', 'schedules', id, 'shifts', from, to] as const,
  swaps: (id: string) => ['oncall', 'schedules', id, 'swaps'] as const,
  gaps: ['oncall', 'gaps'] as const,
  now: (query: OnCallQuery) => ['oncall', 'now', query] as const,
  policies: ['oncall', 'policies'] as const,
  policy: (id: string) => ['oncall', 'policies', id] as const,
};

export type OnCallQuery = { service?: string; team?: string; schedule?: string; at?: string };

export const useSchedules = () => usePagedList<Schedule>(keys.schedules, `${API}/schedules`, 200);
export const usePolicies = () => usePagedList<EscalationPolicy>(keys.policies, `${API}/escalation-policies`, 200);

export const useSchedule = (id: string) =>
  useQuery({ queryKey: keys.schedule(id), queryFn: () => api.get<Schedule>(`${API}/schedules/${id}`) });

export const usePolicy = (id: string | undefined) =>
  useQuery({
    queryKey: keys.policy(id ?? ''),
    queryFn: () => api.get<EscalationPolicy>(`${API}/escalation-policies/${id}`),
    enabled: Boolean(id),
  });

/** Final shifts plus each layer's and the overrides: everything one timeline draws. */
export const useShifts = (id: string, from: number, to: number) =>
  useQuery({
    queryKey: keys.shifts(id, from, to),
    queryFn: () =>
      api.get<ShiftsAnswer>(`${API}/schedules/${id}/shifts`, {
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        layers: true,
      }),
    // Paging prev/next keeps the old timeline on screen until the new one arrives.
    placeholderData: keepPreviousData,
  });

export const useSwaps = (id: string) =>
  useQuery({ queryKey: keys.swaps(id), queryFn: () => api.get<Page<ShiftSwap>>(`${API}/schedules/${id}/swaps`) });

/** Coverage gaps of every schedule over the next 14 days. */
export const useGaps = () =>
  useQuery({ queryKey: keys.gaps, queryFn: () => api.get<Page<GapsAnswer>>(`${API}/oncall/gaps`) });

export const useOnCall = (query: OnCallQuery) =>
  useQuery({
    queryKey: keys.now(query),
    queryFn: () => api.get<OnCallAnswer>(`${API}/oncall`, query),
    // "Now" moves: refresh each minute while the page is open.
    refetchInterval: query.at ? false : 60_000,
    placeholderData: keepPreviousData,
  });

// Schedules and layers

export const useCreateSchedule = () =>
  useApiMutation({
    mutationFn: (input: CreateScheduleInput) => api.post<Schedule>(`${API}/schedules`, input),
    invalidate: [keys.all],
    success: (s) => `Schedule ${s.name} created.`,
  });

export const useDeleteSchedule = () =>
  useApiMutation({
    mutationFn: (s: Schedule) => api.delete<void>(`${API}/schedules/${s.id}`),
    invalidate: [keys.all],
    success: (_, s) => `Schedule ${s.name} deleted.`,
  });

export type LayerChange =
  | { kind: 'add'; key: string; input: ScheduleLayerInput }
  | { kind: 'update'; layerId: string; input: UpdateScheduleLayerInput }
  | { kind: 'delete'; layerId: string };

type SaveSchedule = {
  id: string;
  fields: UpdateScheduleInput;
  changes: LayerChange[];
  /** Wanted order of the layers, lowest first: ids, or the draft keys of added layers. */
  order: string[];
};

/**
 * Saves an edited schedule: its own fields, then each layer change in order, then the order. The
 * API has one request per layer, so a failure part-way leaves the earlier changes saved.
 */
export const useSaveSchedule = () =>
  useApiMutation({
    mutationFn: async ({ id, fields, changes, order }: SaveSchedule) => {
      const base = `${API}/schedules/${id}/layers`;
      let schedule = await api.patch<Schedule>(`${API}/schedules/${id}`, fields);
      const idOfKey = new Map<string, string>();
      for (const change of changes) {
        const known = new Set(schedule.layers.map((l) => l.id));
        if (change.kind === 'add') {
          schedule = await api.post<Schedule>(base, change.input);
          const added = schedule.layers.find((l) => !known.has(l.id));
          if (added) idOfKey.set(change.key, added.id);
        } else if (change.kind === 'update') {
          schedule = await api.patch<Schedule>(`${base}/${change.layerId}`, change.input);
        } else {
          schedule = await api.delete<Schedule>(`${base}/${change.layerId}`);
        }
      }
      const wanted = order.map((ref) => idOfKey.get(ref) ?? ref);
      if (schedule.layers.map((l) => l.id).join() !== wanted.join()) {
        // Moving each layer to its index, bottom up, leaves every layer below it in place.
        for (const [position, layerId] of wanted.entries()) {
          schedule = await api.patch<Schedule>(`${base}/${layerId}`, { position });
        }
      }
      return schedule;
    },
    invalidate: [keys.all],
    success: (s) => `Schedule ${s.name} saved.`,
  });

// Overrides, take-over, swaps, calendar

export const useCreateOverride = (scheduleId: string) =>
  useApiMutation({
    mutationFn: (input: CreateOverrideInput) =>
      api.post<OverrideCreated>(`${API}/schedules/${scheduleId}/overrides`, input),
    invalidate: [keys.all],
    success: (r) =>
      r.replaced.length > 0
        ? `Override added. It wins over ${r.replaced.length} older overlapping override${r.replaced.length > 1 ? 's' : ''}.`
        : `Override added: ${r.override.user.name} is on call.`,
  });

export const useCancelOverride = (scheduleId: string) =>
  useApiMutation({
    mutationFn: (o: ScheduleOverride) => api.delete<void>(`${API}/schedules/${scheduleId}/overrides/${o.id}`),
    invalidate: [keys.all],
    success: 'Override cancelled.',
  });

export const useTakeOver = (scheduleId: string) =>
  useApiMutation({
    mutationFn: (reason: string) => api.post<OverrideCreated>(`${API}/schedules/${scheduleId}/take-over`, { reason }),
    invalidate: [keys.all],
    success: 'You are on call now.',
  });

export const useProposeSwap = (scheduleId: string) =>
  useApiMutation({
    mutationFn: (input: ProposeSwapInput) => api.post<ShiftSwap>(`${API}/schedules/${scheduleId}/swaps`, input),
    invalidate: [keys.swaps(scheduleId)],
    success: (s) => `Swap proposed to ${s.counterpart.name}.`,
  });

export const useAnswerSwap = (scheduleId: string) =>
  useApiMutation({
    mutationFn: ({ swap, answer }: { swap: ShiftSwap; answer: 'accept' | 'decline' | 'cancel' }) =>
      api.post<ShiftSwap>(`${API}/schedules/${scheduleId}/swaps/${swap.id}/answer`, { answer }),
    invalidate: [keys.all],
    success: (s) => `Swap ${s.status}.`,
  });

/** Creates a secret iCalendar URL (revoking the previous one) at `path`. */
export const useCreateCalendarFeed = (path: string) =>
  useApiMutation({
    mutationFn: () => api.post<{ url: string }>(`${API}${path}`),
    invalidate: [],
  });

// Escalation policies

export const useSavePolicy = () =>
  useApiMutation({
    mutationFn: async ({
      id,
      input,
      services,
    }: {
      id: string | null;
      input: EscalationPolicyInput;
      /** Services to point at this policy, and those to unset. */
      services: { add: string[]; remove: string[] };
    }) => {
      const saved = id
        ? await api.put<EscalationPolicySaved>(`${API}/escalation-policies/${id}`, input)
        : await api.post<EscalationPolicySaved>(`${API}/escalation-policies`, input);
      const policyId = saved.policy.id;
      for (const serviceId of services.add) {
        await api.put(`${API}/escalation-policies/services/${serviceId}`, { policyId });
      }
      for (const serviceId of services.remove) {
        await api.put(`${API}/escalation-policies/services/${serviceId}`, { policyId: null });
      }
      return services.add.length + services.remove.length > 0
        ? { ...saved, policy: await api.get<EscalationPolicy>(`${API}/escalation-policies/${policyId}`) }
        : saved;
    },
    invalidate: [keys.all],
    success: (r) => `Escalation policy ${r.policy.name} saved.`,
  });

export const useDeletePolicy = () =>
  useApiMutation({
    mutationFn: (p: EscalationPolicy) => api.delete<void>(`${API}/escalation-policies/${p.id}`),
    invalidate: [keys.all],
    success: (_, p) => `Escalation policy ${p.name} deleted.`,
  });
