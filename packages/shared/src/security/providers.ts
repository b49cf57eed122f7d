import { z } from 'zod';

/** Which sign-in methods the server offers; the sign-in page asks before drawing itself. */
export const AuthProviders = z.object({
  password: z.boolean().describe('Email and password sign-in is available'),
  oidc: z
    .object({
      startUrl: z.string().describe('Open this (with ?next=/path) to sign in through the identity provider'),
      issuer: z.string().describe('The identity provider'),
    })
    .nullable()
    .describe('Single sign-on through OpenID Connect; null when not configured'),
});
export type AuthProviders = z.infer<typeof AuthProviders>;
