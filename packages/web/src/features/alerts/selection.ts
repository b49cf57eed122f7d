import { useCallback, useState } from 'react';

/** A checkbox selection over a list; ids that left the list are dropped by `keep`. */
export function useSelection() {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const toggle = useCallback(
    (id: string, on: boolean) =>
      setSelected((prev) => {
        const next = new Set(prev);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      }),
    [],
  );
  const setAll = useCallback((ids: string[], on: boolean) => setSelected(on ? new Set(ids) : new Set()), []);
  const clear = useCallback(() => setSelected(new Set()), []);
  const keep = (ids: string[]) => [...selected].filter((id) => ids.includes(id));
  return { selected, toggle, setAll, clear, keep };
}
