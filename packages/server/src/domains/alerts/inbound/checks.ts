import type { Image, Link } from './event.js';

// Small hand-written checks for the inbound hot path (cheaper than a schema library per event):
// each records a readable message under the field's dotted path and returns a usable value.

export type Errors = string[];
const MAX_ERRORS = 20;

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function fail(errors: Errors, message: string): void {
  if (errors.length < MAX_ERRORS) errors.push(message);
}

export function requiredString(value: unknown, path: string, errors: Errors, max: number): string {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    fail(errors, `'${path}' is missing or blank`);
    return '';
  }
  if (typeof value !== 'string') {
    fail(errors, `'${path}' must be a string, not ${kindOf(value)}`);
    return '';
  }
  return value.length > max ? value.slice(0, max) : value;
}

export function optionalString(value: unknown, path: string, errors: Errors, max: number): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') {
    fail(errors, `'${path}' must be a string, not ${kindOf(value)}`);
    return null;
  }
  return value.length > max ? value.slice(0, max) : value;
}

/** A string key; numbers are accepted as their decimal text (some tools send numeric ids). */
export function optionalKey(value: unknown, path: string, errors: Errors, max = 255): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') {
    fail(errors, `'${path}' must be a string, not ${kindOf(value)}`);
    return null;
  }
  if (value.length > max) {
    fail(errors, `'${path}' is longer than ${max} characters`);
    return null;
  }
  return value;
}

export function optionalTime(value: unknown, path: string, errors: Errors): number | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') {
    fail(errors, `'${path}' must be an ISO 8601 timestamp string`);
    return null;
  }
  if (value.startsWith('0001-01-01')) return null; // Alertmanager's zero time: not set
  const ms = parseTimestamp(value);
  if (ms === null) fail(errors, `'${path}' is not an ISO 8601 timestamp: "${value.slice(0, 40)}"`);
  return ms;
}

// Accepts ISO 8601 with `Z`, `+01:00` or `+0100` offsets (PagerDuty's own examples use the last).
export function parseTimestamp(text: string): number | null {
  const normalized = text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:\d{2})?$/i.test(normalized)) return null;
  const ms = Date.parse(normalized);
  return Number.isFinite(ms) ? ms : null;
}

export function optionalLinks(value: unknown, path: string, errors: Errors): Link[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    fail(errors, `'${path}' must be an array of {href, text}`);
    return [];
  }
  const links: Link[] = [];
  value.slice(0, 50).forEach((item, i) => {
    if (!isObject(item) || typeof item.href !== 'string' || item.href === '') {
      fail(errors, `'${path}[${i}].href' is missing or not a string`);
      return;
    }
    const link: Link = { href: item.href.slice(0, 2048) };
    if (typeof item.text === 'string') link.text = item.text.slice(0, 1024);
    links.push(link);
  });
  return links;
}

export function optionalImages(value: unknown, path: string, errors: Errors): Image[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    fail(errors, `'${path}' must be an array of {src, href, alt}`);
    return [];
  }
  const images: Image[] = [];
  value.slice(0, 50).forEach((item, i) => {
    if (!isObject(item) || typeof item.src !== 'string' || item.src === '') {
      fail(errors, `'${path}[${i}].src' is missing or not a string`);
      return;
    }
    const image: Image = { src: item.src.slice(0, 2048) };
    if (typeof item.href === 'string') image.href = item.href.slice(0, 2048);
    if (typeof item.alt === 'string') image.alt = item.alt.slice(0, 1024);
    images.push(image);
  });
  return images;
}

/** Labels and annotations: string values only (others are turned into their JSON text). */
export function optionalStringMap(value: unknown, path: string, errors: Errors): Record<string, string> | null {
  if (value === undefined || value === null) return null;
  if (!isObject(value)) {
    fail(errors, `'${path}' must be an object of strings`);
    return null;
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k !== '__proto__') out[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return out;
}

/** JSON text of free-form details, or null. */
export const detailsJson = (value: unknown): string | null =>
  value === undefined || value === null ? null : JSON.stringify(value);

export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
