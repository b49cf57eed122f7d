import { Badge, Tooltip } from '@mantine/core';
import { POLL_MS } from './live.js';

/** Says whether what is on screen updates by itself right now, or every few seconds. */
export function LiveIndicator({ live }: { live: boolean }) {
  return (
    <Tooltip
      label={
        live
          ? 'Changes appear as they happen.'
          : `The live connection is down; refreshing every ${POLL_MS / 1000} s until it is back.`
      }
      withArrow
    >
      <Badge variant="dot" color={live ? 'green' : 'yellow'} size="sm" data-testid="live-indicator">
        {live ? 'Live' : `Every ${POLL_MS / 1000} s`}
      </Badge>
    </Tooltip>
  );
}
