import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { decryptSecret } from '../../core/secrets.js';
import type { WorkspaceRow } from './chat.model.js';
import { verifySlackSignature, verifyToken } from './signature.js';
import { listWorkspaceRows } from './workspaces.repo.js';

// Which connected workspace sent an inbound request, proven before anything in it is believed:
// a Slack signature over the raw body (any workspace whose signing secret verifies it; one Slack
// app installed in several workspaces shares a secret, so the team id then picks among those),
// or else a verification token (Mattermost, legacy Slack apps), compared in constant time.

export const rejected = () =>
  new AppError(401, 'chat_signature_invalid', 'The request signature or token is missing, wrong or too old.');

const header = (request: FastifyRequest, name: string) => {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
};

export async function verifiedWorkspace(
  ctx: AppContext,
  request: FastifyRequest,
  raw: string,
  claimed: { teamId?: string | undefined; token?: string | undefined },
): Promise<WorkspaceRow> {
  const workspaces = await listWorkspaceRows(ctx.db);
  const signature = header(request, 'x-slack-signature');
  const open = (stored: string) => {
    try {
      return decryptSecret(ctx.secretKey, stored);
    } catch {
      return null; // encrypted under an earlier server secret: reconnect the workspace
    }
  };
  let matches: WorkspaceRow[] = [];
  if (signature !== undefined) {
    const signed = { timestamp: header(request, 'x-slack-request-timestamp'), signature, body: raw };
    const now = ctx.clock.now();
    matches = workspaces.filter((w) => {
      const secret = w.signing_secret ? open(w.signing_secret) : null;
      return secret !== null && verifySlackSignature(secret, signed, now);
    });
  } else if (claimed.token) {
    matches = workspaces.filter((w) => {
      const expected = w.verification_token ? open(w.verification_token) : null;
      return expected !== null && verifyToken(expected, claimed.token);
    });
  }
  const chosen = matches.find((w) => w.team_id === claimed.teamId) ?? matches[0];
  if (!chosen) throw rejected();
  return chosen;
}
