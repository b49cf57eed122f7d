import * as client from 'openid-client';
import type { OidcConfig } from '../../../core/config.js';
import { AppError } from '../../../core/errors.js';

/** Discovery documents, per configuration; a failed discovery is forgotten so the next sign-in retries. */
const discovered = new WeakMap<OidcConfig, Promise<client.Configuration>>();

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The identity provider's metadata, fetched once. Plain http is allowed only for an issuer on
 * this machine (a test or development IdP); anything else must be https.
 */
export function providerFor(config: OidcConfig): Promise<client.Configuration> {
  let found = discovered.get(config);
  if (!found) {
    const issuer = new URL(config.issuer);
    const insecure = issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname);
    found = client
      .discovery(
        issuer,
        config.clientId,
        config.clientSecret,
        config.clientSecret ? undefined : client.None(),
        insecure ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((err: unknown) => {
        discovered.delete(config);
        throw new AppError(
          503,
          'oidc_unavailable',
          `The identity provider at ${config.issuer} cannot be reached (${(err as Error).message}); try again shortly.`,
        );
      });
    discovered.set(config, found);
  }
  return found;
}

export type AuthorizationRequest = { url: URL; state: string; nonce: string; verifier: string };

/** An authorization-code request with PKCE (S256), state and nonce. */
export async function authorizationRequest(config: OidcConfig, redirectUri: string): Promise<AuthorizationRequest> {
  const provider = await providerFor(config);
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(provider, {
    redirect_uri: redirectUri,
    scope: config.scopes,
    response_type: 'code',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url, state, nonce, verifier };
}

/**
 * Exchanges the code (checking state, nonce, PKCE, issuer and the ID token's signature) and
 * returns the person's claims: the ID token's, completed by the userinfo endpoint, since many
 * IdPs release email and groups only there.
 */
export async function completeSignIn(
  config: OidcConfig,
  callbackUrl: URL,
  checks: { state: string; nonce: string; verifier: string },
): Promise<Record<string, unknown>> {
  const provider = await providerFor(config);
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(provider, callbackUrl, {
      pkceCodeVerifier: checks.verifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
  } catch (err) {
    throw new AppError(403, 'oidc_failed', `Single sign-on failed: ${(err as Error).message}`);
  }
  const claims: Record<string, unknown> = { ...tokens.claims() };
  if (provider.serverMetadata().userinfo_endpoint && typeof claims.sub === 'string') {
    const info = await client.fetchUserInfo(provider, tokens.access_token, claims.sub).catch((err: unknown) => {
      throw new AppError(403, 'oidc_failed', `Single sign-on failed reading your profile: ${(err as Error).message}`);
    });
    Object.assign(claims, info);
  }
  return claims;
}
