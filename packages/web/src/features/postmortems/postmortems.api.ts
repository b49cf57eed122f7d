import type {
  ActionItem,
  ActionItemOverdueSummary,
  ContributingFactorInput,
  CreateActionItemInput,
  EditPostmortemTimelineInput,
  PostmortemComment,
  PostmortemCommentInput,
  PostmortemDetail,
  PostmortemStatus,
  PostmortemSummary,
  PostmortemTimelineInput,
  SavedPostmortemSection,
  UpdateActionItemInput,
  UpdatePostmortemInput,
  UpdateWhyChainInput,
  WhyChainInput,
} from '@firebreak/shared';
import { ApiError } from '@firebreak/shared';
import { useQuery } from '@tanstack/react-query';
import { API, api } from '../../api/client.js';
import { usePagedList } from '../../api/lists.js';
import { useApiMutation } from '../../api/mutations.js';

/**
 * Query keys. Everything about one postmortem sits under `postmortem(ref)`; every list (the
 * repository, the action items board) sits under `postmortems` or `action-items`, so a write
 * refreshes what it touched with a few invalidations.
 */
export const keys = {
  lists: ['postmortems'] as const,
  list: (filters: RepositoryFilters) => ['postmortems', 'list', filters] as const,
  anyPostmortem: ['postmortem'] as const,
  postmortem: (ref: string) => ['postmortem', ref] as const,
  comments: (ref: string) => ['postmortem', ref, 'comments'] as const,
  actionItems: ['action-items'] as const,
  actionItemList: (filters: ActionItemFilters) => ['action-items', 'list', filters] as const,
  overdueSummary: ['action-items', 'overdue-summary'] as const,
};

/** The repository's filters as the API takes them. */
export type RepositoryFilters = {
  q?: string | undefined;
  status?: string | undefined;
  service?: string | undefined;
  severity?: string | undefined;
  tag?: string | undefined;
  factor?: string | undefined;
  owner?: string | undefined;
};

/** The board's filters as the API takes them (`owner=me`, `team=mine`, `overdue=true`). */
export type ActionItemFilters = {
  status?: string | undefined;
  overdue?: 'true' | undefined;
  owner?: string | undefined;
  team?: string | undefined;
};

const path = (ref: string, rest = '') => `${API}/postmortems/${encodeURIComponent(ref)}${rest}`;

/** Where the browser downloads an export: a plain link, the session cookie does the rest. */
export const exportUrl = (ref: string, format: 'markdown' | 'html') => `${path(ref, '/export')}?format=${format}`;

// Reads

export const usePostmortemList = (filters: RepositoryFilters) =>
  usePagedList<PostmortemSummary>(keys.list(filters), `${API}/postmortems`, 50, filters);

export const usePostmortem = (ref: string) =>
  useQuery({ queryKey: keys.postmortem(ref), queryFn: () => api.get<PostmortemDetail>(path(ref)) });

/**
 * The postmortem of an incident, or null when it has none yet (the API answers 404). Other
 * failures stay errors.
 */
export const useIncidentPostmortem = (incidentNumber: string, enabled: boolean) =>
  useQuery({
    queryKey: keys.postmortem(incidentNumber),
    queryFn: () =>
      api.get<PostmortemDetail>(path(incidentNumber)).catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }),
    enabled,
  });

export const useComments = (ref: string, enabled = true) =>
  useQuery({
    queryKey: keys.comments(ref),
    queryFn: () => api.get<{ items: PostmortemComment[] }>(path(ref, '/comments')).then((r) => r.items),
    enabled,
  });

export const useActionItems = (filters: ActionItemFilters) =>
  usePagedList<ActionItem>(keys.actionItemList(filters), `${API}/action-items`, 200, filters);

export const useOverdueSummary = () =>
  useQuery({
    queryKey: keys.overdueSummary,
    queryFn: () => api.get<ActionItemOverdueSummary>(`${API}/action-items/overdue-summary`),
  });

// Writes. Each refreshes every cached postmortem (the page may be open by id or by incident
// number) and the lists; only what is on screen is actually re-read.

const postmortemWrite = <TVars, TResult>(
  mutationFn: (vars: TVars) => Promise<TResult>,
  success?: string | ((result: TResult, vars: TVars) => string),
) =>
  useApiMutation<TVars, TResult>({
    mutationFn,
    invalidate: [keys.anyPostmortem, keys.lists, keys.actionItems],
    success,
  });

export const useStartPostmortem = () =>
  postmortemWrite(
    (incidentId: string) => api.post<PostmortemDetail>(`${API}/postmortems`, { incidentId }),
    (pm) => `Postmortem of ${pm.incident.number} started.`,
  );

export const useUpdatePostmortem = (ref: string) =>
  postmortemWrite((input: UpdatePostmortemInput) => api.patch<PostmortemDetail>(path(ref), input), 'Details saved.');

const STATUS_DONE: Record<PostmortemStatus, string> = {
  draft: 'Sent back to draft.',
  in_review: 'Submitted for review.',
  published: 'Published. It is now part of the searchable repository.',
};

export const useChangePostmortemStatus = (ref: string) =>
  postmortemWrite(
    (status: PostmortemStatus) => api.post<PostmortemDetail>(path(ref, '/status'), { status }),
    (pm) => STATUS_DONE[pm.status],
  );

/** No notice: the section shows "Saved" itself, and a 409 opens the merge dialog instead. */
export const useSaveSection = (ref: string) =>
  postmortemWrite(({ key, body, version }: { key: string; body: string; version: number }) =>
    api.put<SavedPostmortemSection>(path(ref, `/sections/${encodeURIComponent(key)}`), { body, version }),
  );

export const useAddTimelineEntry = (ref: string) =>
  postmortemWrite((input: PostmortemTimelineInput) => api.post<PostmortemDetail>(path(ref, '/timeline'), input));

export const useEditTimelineEntry = (ref: string) =>
  postmortemWrite(({ id, ...input }: EditPostmortemTimelineInput & { id: string }) =>
    api.patch<PostmortemDetail>(path(ref, `/timeline/${encodeURIComponent(id)}`), input),
  );

export const useDeleteTimelineEntry = (ref: string) =>
  postmortemWrite((id: string) => api.delete<PostmortemDetail>(path(ref, `/timeline/${encodeURIComponent(id)}`)));

export const useAddWhyChain = (ref: string) =>
  postmortemWrite((input: WhyChainInput) => api.post<PostmortemDetail>(path(ref, '/five-whys'), input), 'Chain added.');

export const useUpdateWhyChain = (ref: string) =>
  postmortemWrite(
    ({ id, ...input }: UpdateWhyChainInput & { id: string }) =>
      api.put<PostmortemDetail>(path(ref, `/five-whys/${encodeURIComponent(id)}`), input),
    'Chain saved.',
  );

export const useDeleteWhyChain = (ref: string) =>
  postmortemWrite((id: string) => api.delete<PostmortemDetail>(path(ref, `/five-whys/${encodeURIComponent(id)}`)));

export const useAddFactor = (ref: string) =>
  postmortemWrite((input: ContributingFactorInput) => api.post<PostmortemDetail>(path(ref, '/factors'), input));

export const useDeleteFactor = (ref: string) =>
  postmortemWrite((id: string) => api.delete<PostmortemDetail>(path(ref, `/factors/${encodeURIComponent(id)}`)));

export const useAddComment = (ref: string) =>
  postmortemWrite((input: PostmortemCommentInput) =>
    api.post<{ items: PostmortemComment[] }>(path(ref, '/comments'), input),
  );

export const useResolveComment = (ref: string) =>
  postmortemWrite((id: string) =>
    api.post<{ items: PostmortemComment[] }>(path(ref, `/comments/${encodeURIComponent(id)}/resolve`)),
  );

export const useCreateActionItem = () =>
  postmortemWrite(
    (input: CreateActionItemInput) => api.post<ActionItem>(`${API}/action-items`, input),
    (item) => `Action item "${item.title}" added.`,
  );

export const useUpdateActionItem = () =>
  postmortemWrite(({ id, ...input }: UpdateActionItemInput & { id: string }) =>
    api.patch<ActionItem>(`${API}/action-items/${encodeURIComponent(id)}`, input),
  );
