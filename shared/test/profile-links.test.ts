import { describe, expect, it } from 'vitest';
import { isHttpUrl, safeSocialLinks, SocialLinks } from '../src/members/model.js';

describe('profile links', () => {
  it('accepts only http and https addresses', () => {
    for (const ok of ['https://example.com', 'http://example.com/a?b=c', 'HTTPS://Example.com/x'])
      expect({ ok, valid: isHttpUrl(ok), parsed: SocialLinks.safeParse({ website: ok }).success }).toEqual({
        ok,
        valid: true,
        parsed: true,
      });
    for (const bad of [
      'javascript:alert(1)',
      ' javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<b>x</b>',
      'vbscript:msgbox(1)',
      'ftp://example.com',
      '//example.com',
      'example.com',
      '',
    ])
      expect({ bad, valid: isHttpUrl(bad), parsed: SocialLinks.safeParse({ website: bad }).success }).toEqual({
        bad,
        valid: false,
        parsed: false,
      });
    expect(isHttpUrl(undefined)).toBe(false);
    expect(isHttpUrl(42)).toBe(false);
  });

  it('keeps only the safe links of older stored data', () => {
    expect(
      safeSocialLinks({ website: 'javascript:alert(1)', x: 'https://x.com/coach', tiktok: 7, other: 'https://a.b' }),
    ).toEqual({ x: 'https://x.com/coach' });
    expect(safeSocialLinks(undefined)).toEqual({});
  });
});
