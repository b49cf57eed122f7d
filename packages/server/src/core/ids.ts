import { createHash, randomBytes, randomFillSync, timingSafeEqual } from 'node:crypto';
import { V7Generator } from 'uuidv7';

/**
 * The CSPRNG read 4 KB at a time: the library's default reads 32 bytes at a time through Web
 * Crypto, which was 4% of the ingest thread's time (an id per event).
 */
class BufferedRandom {
  private readonly buffer = new Uint32Array(1024);
  private cursor = this.buffer.length;

  nextUint32(): number {
    if (this.cursor === this.buffer.length) {
      randomFillSync(this.buffer);
      this.cursor = 0;
    }
    return this.buffer[this.cursor++]!;
  }
}

const generator = new V7Generator(new BufferedRandom());

/** Time-ordered ids for every row. */
export const newId = (): string => generator.generate().toString();

/** A secret with 192 random bits from the CSPRNG, URL-safe, with a recognisable prefix. */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString('base64url')}`;
}

/** Secrets are stored only as this hash; 192-bit secrets need no slow hash. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function constantTimeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

export function slugify(text: string, max = 48): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
  return slug || 'untitled';
}
