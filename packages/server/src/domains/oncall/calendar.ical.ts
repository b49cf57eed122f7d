import ical from 'ical-generator';
import { DateTime } from 'luxon';

export type CalendarEvent = { uid: string; start: number; end: number; summary: string; description: string };

/**
 * An iCalendar document. Times go in as Luxon DateTimes in the display zone (ical-generator
 * writes a plain Date plus a zone wrongly); they come out as UTC instants, which every client
 * shows in its own zone.
 */
export function renderCalendar(name: string, zone: string, events: CalendarEvent[]): string {
  const calendar = ical({ name, prodId: { company: 'Firebreak', product: 'On-call', language: 'EN' }, ttl: 15 * 60 });
  for (const e of events) {
    calendar.createEvent({
      id: e.uid,
      start: DateTime.fromMillis(e.start, { zone }),
      end: DateTime.fromMillis(e.end, { zone }),
      summary: e.summary,
      description: e.description,
    });
  }
  return calendar.toString();
}
