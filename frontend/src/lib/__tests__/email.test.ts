import { describe, expect, it } from 'vitest';
import { looksLikeEmail } from '../email';

describe('looksLikeEmail', () => {
  it('takes an address with one @ and no spaces', () => {
    expect(looksLikeEmail('aigerim@example.kz')).toBe(true);
    expect(looksLikeEmail('a@b')).toBe(true);
  });

  it('refuses text without the shape of an address', () => {
    for (const text of ['', 'aigerim', '@example.kz', 'aigerim@', 'a@b@c', 'aigerim @example.kz', ' a@b'])
      expect(looksLikeEmail(text), text).toBe(false);
  });
});
