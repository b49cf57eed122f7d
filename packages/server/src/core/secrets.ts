import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

// Secrets Firebreak must read back (a chat workspace's bot token, a webhook's signing secret) are
// stored encrypted with AES-256-GCM under a key derived from the server secret: a copied database
// or backup alone hands none of them out. Rotating the server secret makes them unreadable, so
// they must be entered (or rotated) again.

const VERSION = 'v1';

// The label is the one chat used when this lived in its domain; changing it would make every
// stored secret unreadable.
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
  if (version !== VERSION || !iv || !tag || data === undefined) throw new Error('unreadable stored secret');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(secretKey), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}
