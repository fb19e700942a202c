import { describe, expect, it } from 'vitest';
import en from './en.json';
import ko from './ko.json';
import { pickLocale } from './index';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe('UI languages', () => {
  it('has every message in both Korean and English', () => {
    // Invariant: switching language never shows a raw message id.
    expect(keys(ko).sort()).toEqual(keys(en).sort());
  });

  it('follows the system locale until the user chooses', () => {
    expect(pickLocale(null, ['ko-KR', 'en-US'])).toBe('ko');
    expect(pickLocale(null, ['ko_KR'])).toBe('ko');
    expect(pickLocale(null, ['vi-VN', 'en-GB']), 'first language we speak').toBe('en');
    expect(pickLocale(null, ['vi-VN']), 'nothing we speak: English').toBe('en');
    expect(pickLocale('ko', ['en-US']), 'a saved choice wins over the system').toBe('ko');
    expect(pickLocale('fr', ['ko-KR']), 'an unknown saved value is ignored').toBe('ko');
  });
});
