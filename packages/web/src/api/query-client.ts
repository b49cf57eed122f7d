import { ApiError } from '@firebreak/shared';
import { QueryCache, QueryClient } from '@tanstack/react-query';
import { SESSION_KEY } from '../features/auth/session.js';

/**
 * One cache for the app. A 401 on any query means the session ended (expired, signed out in
 * another tab): forgetting the session sends the auth guard back to the sign-in page.
 */
export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (error instanceof ApiError && error.status === 401 && query.queryKey[0] !== SESSION_KEY[0]) {
        queryClient.setQueryData(SESSION_KEY, null);
      }
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: true,
    },
  },
});
