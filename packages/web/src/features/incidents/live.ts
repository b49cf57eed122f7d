import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';

/** How often to re-read while the live stream is down. */
export const POLL_MS = 15_000;
/** Several changes in a burst (a declare writes three entries) become one re-read. */
const SETTLE_MS = 300;

/**
 * Keeps `keys` fresh from a Server-Sent Events stream (`incident` events); while the stream is not
 * connected (a proxy that buffers, a server restart) it polls every 15 s instead, so the page never
 * silently goes stale. Returns whether the stream is live, for the page to say so.
 */
export function useLiveRefresh(streamUrl: string, keys: QueryKey[]): { live: boolean } {
  const queryClient = useQueryClient();
  const [live, setLive] = useState(false);
  // The keys change identity on every render; the stream must not reconnect because of that.
  const keysRef = useRef(keys);
  keysRef.current = keys;

  useEffect(() => {
    const refresh = () => {
      for (const queryKey of keysRef.current) void queryClient.invalidateQueries({ queryKey });
    };
    let settle: ReturnType<typeof setTimeout> | undefined;
    const source = new EventSource(streamUrl, { withCredentials: true });
    source.addEventListener('open', () => {
      // Whatever happened while disconnected is caught up with once.
      setLive((was) => {
        if (!was) refresh();
        return true;
      });
    });
    source.addEventListener('error', () => setLive(false));
    source.addEventListener('incident', () => {
      clearTimeout(settle);
      settle = setTimeout(refresh, SETTLE_MS);
    });
    return () => {
      clearTimeout(settle);
      source.close();
    };
  }, [streamUrl, queryClient]);

  useEffect(() => {
    if (live) return;
    const timer = setInterval(() => {
      for (const queryKey of keysRef.current) void queryClient.invalidateQueries({ queryKey });
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [live, queryClient]);

  return { live };
}

/** The current time, ticking every `everyMs`, for ages and countdowns. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
