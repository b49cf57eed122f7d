import { DateTime } from 'luxon';

/** A time as customers read it, in the page's zone, with the zone named. */
export function formatTime(ms: number, zone: string): string {
  return `${DateTime.fromMillis(ms, { zone }).toFormat('d LLL yyyy, HH:mm')} ${zone}`;
}

/** An HTTP date (Last-Modified, RSS pubDate). */
export const httpDate = (ms: number): string => new Date(ms).toUTCString();

const STATUS_WORDS: Record<string, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

/** "in_progress" → "In progress". */
export const statusWord = (status: string): string => STATUS_WORDS[status] ?? status;
