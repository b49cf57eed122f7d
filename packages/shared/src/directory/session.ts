import { z } from 'zod';
import { User } from './users.js';

export const LoginInput = z.strictObject({
  email: z.string().trim().toLowerCase().max(320).describe('Sign-in email address'),
  password: z.string().max(200).describe('Password'),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const SessionInfo = z.object({
  user: User,
  csrfToken: z
    .string()
    .describe('Send as the X-CSRF-Token header on every cookie-authenticated write; empty for API tokens'),
  viaLink: z
    .boolean()
    .describe('True when signed in through a one-time link: a password may be set without the old one'),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_COOKIE = 'fb_session';

/** A one-time sign-in link, for inviting a person or resetting a forgotten password. */
export const SignInLink = z.object({
  url: z.string().describe('Open once within 24 hours to sign in; then set a password'),
  expiresAt: z.iso.datetime({ offset: true }).describe('When the link stops working'),
});
export type SignInLink = z.infer<typeof SignInLink>;
