import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SlackAppSetup } from '@firebreak/shared';
import type { AppContext } from '../../core/context.js';

// What an admin pastes into Slack to create the app: the request URLs of the inbound routes on
// this server, and the shipped manifest with its placeholder host replaced by them.

export const SLACK_PATHS = {
  commands: '/integrations/slack/commands',
  interactions: '/integrations/slack/interactions',
  events: '/integrations/slack/events',
  link: '/integrations/slack/link',
} as const;

/** The manifest in the repository, beside the packages. */
const MANIFEST = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../../integrations/slack/manifest.yaml',
);
const PLACEHOLDER = 'https://firebreak.example.com';

async function readManifest(): Promise<string | null> {
  try {
    return await readFile(MANIFEST, 'utf8');
  } catch {
    return null;
  }
}

/** The shipped manifest's opening comment tells people to edit the host: this copy is edited already. */
function withUrls(manifest: string, base: string): string {
  const body = manifest.replace(/^(#.*\n)+/, '').replaceAll(PLACEHOLDER, base);
  return `# Slack app manifest for Firebreak at ${base}: paste it at https://api.slack.com/apps → Create New App → From an app manifest.\n${body}`;
}

export async function slackAppSetup(ctx: Pick<AppContext, 'config'>): Promise<SlackAppSetup> {
  const base = ctx.config.publicUrl;
  const manifest = await readManifest();
  return {
    requestUrls: {
      commands: base + SLACK_PATHS.commands,
      interactions: base + SLACK_PATHS.interactions,
      events: base + SLACK_PATHS.events,
    },
    manifest: manifest === null ? null : withUrls(manifest, base),
  };
}
