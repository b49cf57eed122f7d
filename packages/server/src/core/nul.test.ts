import { describe, expect, it } from 'vitest';
import { nulPlaces, replaceNul } from './nul.js';

const deep = (depth: number, leaf: unknown) => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

describe('NUL characters', () => {
  it('names every place a NUL hides, in values and in keys', () => {
    const body = { title: 'a\u0000b', levels: [{ name: 'ok' }, { name: '\u0000' }], 'x\u0000': 1, clean: 'text' };
    expect(nulPlaces(body, 'body').sort()).toEqual(['body.levels.1.name', 'body.title', 'body.x\u0000']);
    expect(nulPlaces('\u0000', 'params')).toEqual(['params']);
    expect(nulPlaces({ id: 'fine' }, 'params')).toEqual([]);
  });

  it('replaces NUL with U+FFFD in values and keys, keeping "__proto__" a plain key', () => {
    const value = JSON.parse('{"summary":"disk\\u0000full","labels":{"a\\u0000":"b"},"__proto__":{"x":"\\u0000"}}');
    const cleaned = replaceNul(value) as Record<string, any>;
    expect(cleaned.summary).toBe('disk\uFFFDfull');
    expect(cleaned.labels).toEqual({ 'a\uFFFD': 'b' });
    expect(Object.getPrototypeOf(cleaned)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(cleaned, '__proto__')?.value).toEqual({ x: '\uFFFD' });
    expect(replaceNul('\u0000')).toBe('\uFFFD');
  });

  it('walks a value nested far deeper than the call stack would allow', () => {
    expect(nulPlaces(deep(200_000, '\u0000'), 'body')).toHaveLength(1);
    const cleaned = replaceNul(deep(200_000, '\u0000'));
    expect(nulPlaces(cleaned, 'body')).toEqual([]);
  });
});
