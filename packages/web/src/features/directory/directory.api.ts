import type {
  ApiToken,
  ChangePasswordInput,
  ContactMethod,
  ContactMethodInput,
  CreatedToken,
  CreateServiceInput,
  CreateTeamInput,
  CreateTokenInput,
  CreateUserInput,
  Service,
  SignInLink,
  Team,
  UpdateServiceInput,
  UpdateTeamInput,
  UpdateUserInput,
  User,
} from '@firebreak/shared';
import { API, api } from '../../api/client.js';
import { usePagedList } from '../../api/lists.js';
import { useApiMutation } from '../../api/mutations.js';
import { SESSION_KEY } from '../auth/session.js';

export const keys = {
  users: ['users'] as const,
  contactMethods: (userId: string) => ['users', userId, 'contact-methods'] as const,
  teams: ['teams'] as const,
  services: ['services'] as const,
  tokens: ['tokens'] as const,
};

export const useUsers = () => usePagedList<User>(keys.users, `${API}/users`, 200);
export const useTeams = () => usePagedList<Team>(keys.teams, `${API}/teams`, 200);
export const useServices = () => usePagedList<Service>(keys.services, `${API}/services`, 200);
/** My tokens, or (admins, `all`) everyone's. */
export const useTokens = (all: boolean) =>
  usePagedList<ApiToken>([...keys.tokens, { all }], `${API}/tokens`, 200, { all });
export const useContactMethods = (userId: string) =>
  usePagedList<ContactMethod>(keys.contactMethods(userId), `${API}/users/${userId}/contact-methods`);

// People

export const useCreateUser = () =>
  useApiMutation({
    mutationFn: (input: CreateUserInput) => api.post<User>(`${API}/users`, input),
    invalidate: [keys.users],
    success: (user) => `${user.name} can now sign in as ${user.email}.`,
  });

/** Also refreshes the session, whose user is the one shown in the header when it is me. */
export const useUpdateUser = () =>
  useApiMutation({
    mutationFn: ({ id, ...input }: UpdateUserInput & { id: string }) => api.patch<User>(`${API}/users/${id}`, input),
    invalidate: [keys.users, SESSION_KEY, keys.teams],
    success: 'Saved.',
  });

export const useChangePassword = () =>
  useApiMutation({
    mutationFn: (input: ChangePasswordInput) => api.put<void>(`${API}/users/me/password`, input),
    // The session's one-time-link privilege is spent once a password is set.
    invalidate: [SESSION_KEY],
    success: 'Password changed.',
  });

export const useAddContactMethod = (userId: string) =>
  useApiMutation({
    mutationFn: (input: ContactMethodInput) => api.post<ContactMethod>(`${API}/users/${userId}/contact-methods`, input),
    invalidate: [keys.contactMethods(userId), SESSION_KEY],
    success: (method) => `Added ${method.label}.`,
  });

export const useRemoveContactMethod = (userId: string) =>
  useApiMutation({
    mutationFn: (methodId: string) => api.delete<void>(`${API}/users/${userId}/contact-methods/${methodId}`),
    invalidate: [keys.contactMethods(userId), SESSION_KEY],
    success: 'Contact method removed.',
  });

/** Issues a one-time sign-in link, for an invitation or a forgotten password. */
export const useIssueSignInLink = () =>
  useApiMutation({
    mutationFn: (user: User) => api.post<SignInLink>(`${API}/users/${user.id}/sign-in-link`),
    invalidate: [],
  });

// Teams

export const useCreateTeam = () =>
  useApiMutation({
    mutationFn: (input: CreateTeamInput) => api.post<Team>(`${API}/teams`, input),
    invalidate: [keys.teams],
    success: (team) => `Team ${team.name} created.`,
  });

export const useUpdateTeam = () =>
  useApiMutation({
    mutationFn: ({ id, ...input }: UpdateTeamInput & { id: string }) => api.patch<Team>(`${API}/teams/${id}`, input),
    invalidate: [keys.teams],
    success: 'Team saved.',
  });

export const useDeleteTeam = () =>
  useApiMutation({
    mutationFn: (team: Team) => api.delete<void>(`${API}/teams/${team.id}`),
    invalidate: [keys.teams, keys.services],
    success: (_, team) => `Team ${team.name} deleted.`,
  });

export const useSetTeamMember = () =>
  useApiMutation({
    mutationFn: (m: { teamId: string; userId: string; role: 'member' | 'manager' }) =>
      api.put<Team>(`${API}/teams/${m.teamId}/members/${m.userId}`, { role: m.role }),
    invalidate: [keys.teams],
  });

export const useRemoveTeamMember = () =>
  useApiMutation({
    mutationFn: (m: { teamId: string; userId: string }) =>
      api.delete<void>(`${API}/teams/${m.teamId}/members/${m.userId}`),
    invalidate: [keys.teams],
    success: 'Removed from the team.',
  });

// Services

export const useCreateService = () =>
  useApiMutation({
    mutationFn: (input: CreateServiceInput) => api.post<Service>(`${API}/services`, input),
    invalidate: [keys.services],
    success: (service) => `Service ${service.name} created.`,
  });

export const useUpdateService = () =>
  useApiMutation({
    mutationFn: ({ id, ...input }: UpdateServiceInput & { id: string }) =>
      api.patch<Service>(`${API}/services/${id}`, input),
    invalidate: [keys.services],
    success: (service) => `Service ${service.name} saved.`,
  });

export const useDeleteService = () =>
  useApiMutation({
    mutationFn: (service: Service) => api.delete<void>(`${API}/services/${service.id}`),
    invalidate: [keys.services],
    success: (_, service) => `Service ${service.name} deleted.`,
  });

// API tokens

export const useCreateToken = () =>
  useApiMutation({
    mutationFn: (input: CreateTokenInput) => api.post<CreatedToken>(`${API}/tokens`, input),
    invalidate: [keys.tokens],
  });

export const useRevokeToken = () =>
  useApiMutation({
    mutationFn: (token: ApiToken) => api.delete<void>(`${API}/tokens/${token.id}`),
    invalidate: [keys.tokens],
    success: (_, token) => `Token ${token.name} revoked.`,
  });
