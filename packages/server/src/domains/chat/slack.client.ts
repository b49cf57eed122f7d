import { LogLevel, WebAPIPlatformError, WebAPIRateLimitedError, WebClient } from '@slack/web-api';
import type { AppContext } from '../../core/context.js';
import { decryptSecret } from '../../core/secrets.js';
import type { WorkspaceRow } from './chat.model.js';

// The Slack Web API, through @slack/web-api's WebClient pointed at the workspace's `api_url`. The
// client never retries on its own and rejects rate-limited calls at once: retries belong to the
// durable jobs (outbox.ts), which survive restarts and honour Retry-After without holding a worker.

export const SLACK_TIMEOUT_MS = 10_000;

export const webClient = (botToken: string, apiUrl: string): WebClient =>
  new WebClient(botToken, {
    slackApiUrl: apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: SLACK_TIMEOUT_MS,
    logLevel: LogLevel.ERROR,
  });

export function slackClient(ctx: Pick<AppContext, 'secretKey'>, workspace: WorkspaceRow): WebClient {
  if (!workspace.bot_token) throw new Error(`chat workspace ${workspace.id} has no bot token`);
  return webClient(decryptSecret(ctx.secretKey, workspace.bot_token), workspace.api_url);
}

/** Milliseconds Slack asked us to wait, for a rate-limited call; undefined otherwise. */
export function retryAfterMs(err: unknown): number | undefined {
  return err instanceof WebAPIRateLimitedError ? Math.max(1, err.retryAfter) * 1000 : undefined;
}

/** Slack's error code (`channel_not_found`, `name_taken`, …) for an `ok: false` answer. */
export function slackError(err: unknown): string | undefined {
  return err instanceof WebAPIPlatformError ? err.data.error : undefined;
}

/**
 * Errors that trying again cannot fix: the app is not installed, lost a scope, or the target is
 * gone. Anything else (network, 5xx, `ratelimited`, `internal_error`) is retried with backoff.
 */
const PERMANENT = new Set([
  'not_authed',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'missing_scope',
  'channel_not_found',
  'user_not_found',
  'is_archived',
  'not_in_channel',
  'invalid_arguments',
  'invalid_blocks',
  'expired_trigger_id',
  'invalid_trigger_id',
  'message_not_found',
  'cant_update_message',
  'restricted_action',
]);

export const isPermanent = (err: unknown): boolean => PERMANENT.has(slackError(err) ?? '');
