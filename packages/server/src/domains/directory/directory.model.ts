import type { Role, TokenScope } from '@firebreak/shared';

// Row types of the directory's tables (see migrations/2026-11-23-001-foundation.ts).

export interface UsersTable {
  id: string;
  name: string;
  email: string;
  role: Role;
  time_zone: string;
  /** scrypt hash with its parameters and salt; null until the person sets a password. */
  password_hash: string | null;
  created_at: number;
  updated_at: number;
  deactivated_at: number | null;
}

export interface ContactMethodsTable {
  id: string;
  user_id: string;
  kind: string;
  label: string;
  address: string;
  verified_at: number | null;
  created_at: number;
}

export interface TeamsTable {
  id: string;
  name: string;
  slug: string;
  description: string;
  created_at: number;
  updated_at: number;
}

export interface TeamMembersTable {
  team_id: string;
  user_id: string;
  role: 'member' | 'manager';
  created_at: number;
}

export interface ServicesTable {
  id: string;
  name: string;
  slug: string;
  description: string;
  team_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  scope: TokenScope;
  prefix: string;
  /** sha256 of the secret; the secret itself is never stored. */
  secret_hash: string;
  created_at: number;
  last_used_at: number | null;
  expires_at: number | null;
  revoked_at: number | null;
}

export interface SessionsTable {
  /** sha256 of the cookie value. */
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  /** 1 when the session came from a one-time sign-in link (may set a password without the old one). */
  via_link: number;
}

export interface SignInLinksTable {
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: number;
}

declare module '../../core/db/database.js' {
  interface Tables {
    users: UsersTable;
    contact_methods: ContactMethodsTable;
    teams: TeamsTable;
    team_members: TeamMembersTable;
    services: ServicesTable;
    api_tokens: ApiTokensTable;
    sessions: SessionsTable;
    sign_in_links: SignInLinksTable;
    settings: SettingsTable;
  }
}
