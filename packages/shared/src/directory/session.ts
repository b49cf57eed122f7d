import { z } from 'zod';
import { User } from './users.js';

export const LoginInput = z.strictObject({
  email: z.string().trim().toLowerCase().max(320),
  password: z.string().max(200),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const SessionInfo = z.object({
  user: User,
  csrfToken: z.string().describe('Send as the X-CSRF-Token header on every cookie-authenticated write'),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_COOKIE = 'fb_session';
