import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

// Workspace secrets (bot token, signing secret, verification token) are stored encrypted with
// AES-256-GCM under a key derived from the server secret: a copied database or backup alone does
// not hand out a bot token. Rotating the server secret means connecting the workspace again.

const VERSION = 'v1';

const keyOf = (secretKey: string) => createHash('sha256').update(`firebreak-chat-secrets:${secretKey}`).digest();

export function encryptSecret(secretKey: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secretKey), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), data]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** The plain secret; throws when the stored value was encrypted under another server secret. */
export function decryptSecret(secretKey: string, stored: string): string {
  const [version, iv, tag, data] = stored.split('.');
  if (version !== VERSION || !iv || !tag || data === undefined) throw new Error('unreadable stored chat secret');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(secretKey), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}
