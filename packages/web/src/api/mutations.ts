import { notifications } from '@mantine/notifications';
import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';

type Options<TVars, TResult> = {
  mutationFn: (vars: TVars) => Promise<TResult>;
  /** Lists and records the change makes stale. */
  invalidate: QueryKey[];
  /** Confirmation shown after it worked; omit when the page itself shows the result. */
  success?: string | ((result: TResult, vars: TVars) => string);
};

/**
 * A write that refreshes what it changed and says so. Failures are left to the form, which shows
 * the problem's detail and per-field messages where the person is looking.
 */
export function useApiMutation<TVars = void, TResult = unknown>(options: Options<TVars, TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: options.mutationFn,
    onSuccess: async (result, vars) => {
      await Promise.all(options.invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      const message = typeof options.success === 'function' ? options.success(result, vars) : options.success;
      if (message) notifications.show({ color: 'green', message });
    },
  });
}
