// Row type of the audit log (see migrations/2026-11-23-070-audit.ts).

export interface AuditLogTable {
  /** Position in the chain, from 1, without gaps. */
  seq: number;
  at: number;
  actor_user_id: string;
  actor_name: string;
  actor_via: 'session' | 'token';
  /** The API token used; null for sessions (a session's id hash is a credential lookup key, never shown). */
  token_id: string | null;
  ip: string;
  user_agent: string;
  method: string;
  route: string;
  /** Canonical JSON object of path parameters. */
  params: string;
  /** Canonical JSON object of the ids the answer named. */
  resource_ids: string;
  status: number;
  request_id: string;
  prev_hash: string;
  hash: string;
}

declare module '../../core/db/database.js' {
  interface Tables {
    audit_log: AuditLogTable;
  }
}
