import { describe, expect, it } from 'vitest';
import type { DelegationSummary } from './bindings/DelegationSummary';
import { filterDelegations, fold, noFilter } from './delegation-filter';

const summary = (over: Partial<DelegationSummary>): DelegationSummary => ({
  key: 'x',
  name: {},
  organisation: {},
  arrival: '2026-03-09T22:40:00+09:00',
  departure: '2026-03-12T10:05:00+09:00',
  timezone: 'Asia/Seoul',
  status: 'planned',
  member_count: 6,
  item_count: 12,
  version: 1,
  ...over,
});

const list = [
  summary({ key: 'choray-2026-03', name: { ko: '쩌라이 병원', vi: 'Đoàn Bệnh viện Chợ Rẫy' }, organisation: { vi: 'Bệnh viện Chợ Rẫy' }, country: 'VN' }),
  summary({
    key: 'tashkent-2026-03',
    name: { ru: 'Делегация Ташкента', uz: 'Toshkent delegatsiyasi' },
    organisation: { ru: 'Хакимов Бегали клиника' },
    country: 'UZ',
    arrival: '2026-03-11T08:00:00+09:00',
    departure: '2026-03-14T18:00:00+09:00',
    status: 'confirmed',
  }),
  summary({
    key: 'rizhao-2026-05',
    name: { zh: '日照市人民医院代表团' },
    organisation: { zh: '日照市人民医院' },
    country: 'CN',
    arrival: '2026-05-02T10:00:00+09:00',
    departure: '2026-05-04T16:00:00+09:00',
    status: 'draft',
  }),
];
const keys = (f: Partial<ReturnType<typeof noFilter>>) => filterDelegations(list, { ...noFilter(), ...f }).map((d) => d.key);

describe('delegation search and filters', () => {
  it('finds by name without accents, by country and by organisation in any script', () => {
    expect(keys({ query: 'cho ray' })).toEqual(['choray-2026-03']);
    expect(keys({ query: 'doan' }), 'đ matches d').toEqual(['choray-2026-03']);
    expect(keys({ query: 'uz' })).toEqual(['tashkent-2026-03']);
    expect(keys({ query: 'хакимов' }), 'Cyrillic case folds').toEqual(['tashkent-2026-03']);
    expect(keys({ query: '日照市' })).toEqual(['rizhao-2026-05']);
    expect(keys({ query: '' }), 'no query: everything, order kept').toEqual(list.map((d) => d.key));
  });

  it('keeps stays that overlap the date range (inclusive days, visit zone)', () => {
    expect(keys({ from: '2026-03-12', to: '2026-03-12' }), 'both March stays touch the 12th').toEqual(['choray-2026-03', 'tashkent-2026-03']);
    expect(keys({ from: '2026-03-13' })).toEqual(['tashkent-2026-03', 'rizhao-2026-05']);
    expect(keys({ to: '2026-03-10' })).toEqual(['choray-2026-03']);
  });

  it('filters by status and combines filters', () => {
    expect(keys({ status: 'draft' })).toEqual(['rizhao-2026-05']);
    expect(keys({ status: 'confirmed', query: 'choray' })).toEqual([]);
  });

  it('folds Vietnamese diacritics', () => {
    expect(fold('Nguyễn Trường Sơn')).toBe('nguyen truong son');
  });
});
