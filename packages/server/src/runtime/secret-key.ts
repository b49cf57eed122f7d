import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../core/config.js';
import { StartupError } from './errors.js';

export const secretKeyFile = (config: Config): string => path.join(config.dataDir, 'secret.key');

/**
 * The key that signs links and cookies: FIREBREAK_SECRET_KEY, else one generated on first start
 * and kept in `<dataDir>/secret.key` (mode 0600), so sessions survive restarts.
 */
export function resolveSecretKey(config: Config): string {
  if (config.secretKey) return config.secretKey;
  const file = secretKeyFile(config);
  try {
    // 'wx' fails if the file exists, so two processes starting at once never overwrite each other's key.
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new StartupError(`Cannot write ${file}: ${(err as Error).message}`);
    }
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const key = readFileSync(file, 'utf8').trim();
  if (key.length < 32) throw new StartupError(`${file} holds no usable key; delete it to generate a new one.`);
  return key;
}
