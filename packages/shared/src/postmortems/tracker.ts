/** Issue trackers an action item may link to. */
export type TrackerKind = 'jira' | 'linear' | 'github';

export type TrackerLink = { kind: TrackerKind; key: string };

const JIRA_PATH = /^\/browse\/([A-Z][A-Z0-9_]+-\d+)\/?$/;
const LINEAR_PATH = /^\/[\w-]+\/issue\/([A-Z][A-Z0-9]*-\d+)(\/[\w-]*)?\/?$/;
const GITHUB_PATH = /^\/([\w.-]+)\/([\w.-]+)\/(issues|pull)\/(\d+)\/?$/;

/**
 * Recognises an issue link of Jira (`https://<site>/browse/KEY-1`, cloud or self-hosted), Linear
 * (`https://linear.app/<team>/issue/KEY-1/...`) or GitHub (`https://github.com/o/r/issues/1` or `/pull/1`).
 * Only https; query strings and fragments are allowed, credentials in the URL are not.
 *
 * @example
 * parseTrackerUrl('https://github.com/acme/shop/issues/42'); // { kind: 'github', key: 'acme/shop#42' }
 * parseTrackerUrl('javascript:alert(1)'); // null
 */
export function parseTrackerUrl(text: string): TrackerLink | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return null;
  const host = url.hostname.toLowerCase();
  if (host === 'github.com') {
    const m = GITHUB_PATH.exec(url.pathname);
    return m ? { kind: 'github', key: `${m[1]}/${m[2]}#${m[4]}` } : null;
  }
  if (host === 'linear.app') {
    const m = LINEAR_PATH.exec(url.pathname);
    return m ? { kind: 'linear', key: m[1]! } : null;
  }
  const jira = JIRA_PATH.exec(url.pathname);
  return jira ? { kind: 'jira', key: jira[1]! } : null;
}
