import { describe, expect, it } from 'vitest';
import type { Delegation } from './bindings/Delegation';
import { arrivalDay, buildRepeat, defaultRepeat, nextYear, suggestKey } from './repeat';

const past: Delegation = {
  key: 'choray-2026-03',
  name: { ko: '초라이 병원 방문단', vi: 'Đoàn Bệnh viện Chợ Rẫy' },
  organisation: { vi: 'Bệnh viện Chợ Rẫy' },
  languages: ['vi'],
  timezone: 'Asia/Seoul',
  // 23:30 UTC on 9 March is 08:30 on 10 March in Seoul: the day is taken in the visit's zone.
  arrival: '2026-03-09T23:30:00Z',
  departure: '2026-03-12T09:00:00Z',
  status: 'confirmed',
  subgroups: [],
} as unknown as Delegation;

describe('repeating a visit', () => {
  it('reads the arrival day in the visit’s zone, not UTC', () => {
    expect(arrivalDay(past)).toBe('2026-03-10');
  });

  it('moves to the same day next year, and 29 February to the 28th', () => {
    expect(nextYear('2026-03-10')).toBe('2027-03-10');
    expect(nextYear('2028-02-29')).toBe('2029-02-28');
  });

  it('suggests the past key with the new year and month', () => {
    expect(suggestKey('choray-2026-03', '2027-03-10')).toBe('choray-2027-03');
    expect(suggestKey('choray-2026-03', '2027-05-04')).toBe('choray-2027-05');
    expect(suggestKey('rizhao-2026', '2027-11-02')).toBe('rizhao-2027');
    // No year in the key: the new day is added, so the key is never the past one.
    expect(suggestKey('samarkand', '2027-04-01')).toBe('samarkand-2027-04-01');
  });

  it('starts from next year with the past name and without members', () => {
    expect(defaultRepeat(past)).toEqual({
      key: 'choray-2027-03',
      nameKo: '초라이 병원 방문단',
      nameEn: '',
      arrival: '2027-03-10',
      withMembers: false,
    });
  });

  it('builds the command input, keeping the guests’ name and adding the new ones', () => {
    const form = { ...defaultRepeat(past), nameKo: '초라이 병원 2차 방문단', withMembers: true };
    const built = buildRepeat(past, form);
    expect(built).toEqual({
      ok: true,
      value: {
        source: 'choray-2026-03',
        key: 'choray-2027-03',
        name: { ko: '초라이 병원 2차 방문단', vi: 'Đoàn Bệnh viện Chợ Rẫy' },
        arrival_date: '2027-03-10',
        with_members: true,
      },
    });
  });

  it('names the field of the first problem', () => {
    const form = defaultRepeat(past);
    expect(buildRepeat(past, { ...form, key: 'Cho Ray 2027' })).toEqual({ ok: false, problem: { field: 'key', message: 'repeat.badKey' } });
    expect(buildRepeat(past, { ...form, key: 'choray-2026-03' })).toEqual({ ok: false, problem: { field: 'key', message: 'repeat.sameKey' } });
    expect(buildRepeat(past, { ...form, arrival: '' })).toEqual({ ok: false, problem: { field: 'arrival', message: 'repeat.badArrival' } });
    const nameless = { ...past, name: {} } as Delegation;
    expect(buildRepeat(nameless, { ...form, nameKo: ' ', nameEn: '' })).toEqual({ ok: false, problem: { field: 'name', message: 'repeat.noName' } });
  });
});
