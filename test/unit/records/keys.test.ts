// Linking keys: the normalised values that prove two records are one customer.
import { describe, expect, it } from 'vitest';
import { emailLinkKey, phoneLinkKey, rawLinkKey } from '../../../engine/records/keys.js';

describe('linking keys', () => {
  it('normalise emails, phones and source values', () => {
    expect(emailLinkKey(' Ann.Smith@Example.COM ')).toBe('ann.smith@example.com');
    expect(emailLinkKey('ann at example dot com')).toBe('ann@example.com');
    expect(phoneLinkKey('+44 7700 900123')).toBe(phoneLinkKey('07700-900123'));
    expect(phoneLinkKey('12345')).toBeNull();
    expect(rawLinkKey(' AB123456C ')).toBe('ab123456c');
    expect(rawLinkKey(' x ')).toBeNull();
  });
});
