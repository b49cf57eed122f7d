import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';

// A real OpenID Connect provider (panva/oidc-provider) on loopback, with its development login
// form driven over HTTP the way a browser would, so the sign-in flow is tested end to end.

export type IdpAccount = { email: string; email_verified: boolean; name: string; groups: string[] };

export type TestIdp = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** People the IdP knows, by login name; change them between sign-ins. */
  accounts: Map<string, IdpAccount>;
  /** Follows the IdP's redirects and login form from `authorizeUrl` until it sends the browser to `redirectPrefix`. */
  signIn(authorizeUrl: string, login: string, redirectPrefix: string): Promise<URL>;
  close(): Promise<void>;
};

export async function startTestIdp(redirectUri: string): Promise<TestIdp> {
  const accounts = new Map<string, IdpAccount>();
  const clientId = 'firebreak';
  const clientSecret = 'idp-client-secret-0123456789abcdef';
  let handler: ((req: never, res: never) => void) | undefined;
  const server: Server = createServer((req, res) => handler?.(req as never, res as never));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const issuer = `http://127.0.0.1:${port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    scopes: ['openid', 'email', 'profile', 'groups'],
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['test-idp-cookie-key-0123456789'] },
    findAccount: async (_ctx: unknown, id: string) => {
      const account = accounts.get(id);
      return account ? { accountId: id, claims: async () => ({ sub: id, ...account }) } : undefined;
    },
    // A first-party app: consent is implied, so the flow has one step (the login form).
    loadExistingGrant: async (ctx: any) => {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid email profile groups');
      await grant.save();
      return grant;
    },
  } as never);
  handler = provider.callback() as never;

  async function signIn(authorizeUrl: string, login: string, redirectPrefix: string): Promise<URL> {
    const jar = new Map<string, string>();
    const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const keep = (res: Response) => {
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const eq = pair!.indexOf('=');
        jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1));
      }
    };
    let url = authorizeUrl;
    for (let hop = 0; hop < 12; hop++) {
      if (url.startsWith(redirectPrefix)) return new URL(url);
      let res = await fetch(url, { redirect: 'manual', headers: { cookie: cookie() } });
      keep(res);
      if (res.status === 200 && new URL(url).pathname.startsWith('/interaction/')) {
        const prompt = /name="prompt" value="(\w+)"/.exec(await res.text())?.[1] ?? 'login';
        res = await fetch(url, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ prompt, login, password: 'any' }).toString(),
        });
        keep(res);
      }
      const location = res.headers.get('location');
      if (!location) throw new Error(`IdP answered ${res.status} at ${url}: ${await res.text()}`);
      url = new URL(location, url).href;
    }
    throw new Error('too many redirects at the IdP');
  }

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    signIn,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
