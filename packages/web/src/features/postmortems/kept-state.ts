import { createContext, type SetStateAction, useCallback, useContext, useState } from 'react';

/**
 * Unsaved work (section drafts, why-chains being written) outlives the component showing it while
 * the postmortem page stays open: switching to review mode and back must not lose a paragraph.
 */
export const KeptStateContext = createContext<Map<string, unknown>>(new Map());

/** `useState` whose value is remembered under `key` for the page's lifetime. */
export function useKeptState<T>(key: string, initial: () => T) {
  const store = useContext(KeptStateContext);
  const [value, setValue] = useState<T>(() => (store.has(key) ? (store.get(key) as T) : initial()));
  const set = useCallback(
    (next: SetStateAction<T>) =>
      setValue((previous) => {
        const value = typeof next === 'function' ? (next as (p: T) => T)(previous) : next;
        store.set(key, value);
        return value;
      }),
    [store, key],
  );
  return [value, set] as const;
}
