// oidc-provider ships no types; the tests use only its constructor and `callback()`.
declare module 'oidc-provider' {
  const Provider: new (issuer: string, configuration: unknown) => { callback(): (req: unknown, res: unknown) => void };
  export default Provider;
}
