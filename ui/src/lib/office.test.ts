import { describe, expect, it } from 'vitest';
import type { OfficeRecord } from './bindings/OfficeRecord';
import { MAX_LOGO_BYTES, YOUR_NAME_KEY, buildOfficeSave, logoDataUrl, logoProblem, officeForm, saveYourName, savedYourName, yourName } from './office';

// A 1 × 1 PNG's first bytes (signature + IHDR start): enough for the signature check.
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);

/** A Map-backed Storage stand-in. */
function memory(initial: Record<string, string> = {}) {
  const m = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    map: m,
  };
}

describe('the office settings form', () => {
  // Parsed JSON as the IPC delivers it.
  const record = JSON.parse(
    JSON.stringify({
      settings: { institution: { ko: '서울대학교병원', en: 'Seoul National University Hospital' }, logo_png: Array.from(PNG) },
      version: 3,
    }),
  ) as OfficeRecord;

  it('round-trips the stored settings with the version to quote', () => {
    const form = officeForm(record);
    expect(form.nameKo).toBe('서울대학교병원');
    expect(form.logo).toEqual(PNG);
    // Invariant: saving unchanged settings sends back exactly what was loaded, with its version.
    expect(buildOfficeSave(form)).toEqual({ settings: record.settings, expected_version: 3 });
  });

  it('sends no logo after removal and leaves out blank names', () => {
    const form = { ...officeForm(record), logo: null, nameEn: '   ', nameKo: ' 서울대학교병원 ' };
    expect(buildOfficeSave(form)).toEqual({ settings: { institution: { ko: '서울대학교병원' } }, expected_version: 3 });
  });

  it('opens empty on a database that never saved settings', () => {
    const form = officeForm({ settings: { institution: {} }, version: 0 });
    expect(form).toEqual({ nameKo: '', nameEn: '', logo: null, version: 0 });
  });

  it('refuses files that are not PNG or larger than 2 MB before sending', () => {
    expect(logoProblem(PNG)).toBeNull();
    expect(logoProblem(new TextEncoder().encode('GIF89a')), 'a GIF').toBe('settings.logoNotPng');
    expect(logoProblem(new Uint8Array(0)), 'an empty file').toBe('settings.logoNotPng');
    const big = new Uint8Array(MAX_LOGO_BYTES + 1);
    big.set(PNG);
    expect(logoProblem(big), 'a PNG over the limit').toBe('settings.logoTooBig');
  });

  it('previews the logo as a data: URL with the exact bytes', () => {
    const url = logoDataUrl(PNG);
    expect(url.startsWith('data:image/png;base64,')).toBe(true);
    const back = Uint8Array.from(atob(url.slice('data:image/png;base64,'.length)), (c) => c.charCodeAt(0));
    expect(back).toEqual(PNG);
  });
});

describe('your name', () => {
  it('defaults to the OS login until one is saved at this workstation', () => {
    const storage = memory();
    expect(yourName(savedYourName(storage), 'jiyoung')).toBe('jiyoung');
    saveYourName(storage, '  이지은 ');
    expect(storage.map.get(YOUR_NAME_KEY), 'kept trimmed').toBe('이지은');
    expect(yourName(savedYourName(storage), 'jiyoung'), 'the saved name wins over the OS login').toBe('이지은');
    saveYourName(storage, '');
    expect(storage.map.has(YOUR_NAME_KEY), 'clearing removes the entry').toBe(false);
    expect(yourName(savedYourName(storage), 'jiyoung'), 'clearing goes back to the OS login').toBe('jiyoung');
  });

  it('never records an empty name', () => {
    expect(yourName(savedYourName(undefined), '  ')).toBe('Itinera');
  });
});
