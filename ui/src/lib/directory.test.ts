import { describe, expect, it } from 'vitest';
import type { DirectoryEntry } from './bindings/DirectoryEntry';
import type { Host } from './bindings/Host';
import type { Interpreter } from './bindings/Interpreter';
import type { TravelTime } from './bindings/TravelTime';
import type { Venue } from './bindings/Venue';
import en from './i18n/en.json';
import ko from './i18n/ko.json';
import source from './directory.ts?raw';
import {
  applyDraft,
  bufferSettings,
  draftOf,
  emptyDraft,
  hoursText,
  matchesQuery,
  mergeText,
  travelChange,
  type HostDraft,
  type InterpreterDraft,
  type VenueDraft,
} from './directory';

const SEOUL = 'Asia/Seoul';
const SITES = ['main-hospital', 'annex'];

const conference: Venue = {
  key: 'annex-5f-conference',
  site: 'annex',
  name: { ko: '별관 5층 국제회의실', en: 'Annex 5F International Conference Room', vi: 'Phòng hội nghị quốc tế tầng 5' },
  building: { ko: '별관', en: 'Annex' },
  floor: '5F',
  capacity: 40,
  opening_hours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], open: '08:00', close: '20:00' }],
  closures: [{ from: '2026-12-24', to: '2026-12-26', reason: '연말 설비 점검' }],
};
const director: Host = {
  key: 'director-kim',
  name: { ko: '김영수', en: 'Kim Young-soo' },
  title: { ko: '병원장', en: 'Hospital Director' },
  phone: '+82-2-2072-0001',
  phone_private: true,
  languages: ['ko', 'en'],
  availability: { busy: [{ start: '2026-12-09T15:00:00+09:00', end: '2026-12-09T17:00:00+09:00', reason: '이사회' }] },
};
const mai: Interpreter = {
  key: 'interp-tran-mai',
  name: { ko: '쩐 티 마이', en: 'Trần Thị Mai' },
  pairs: ['ko-vi', 'en-vi'],
  affiliation: 'in_house',
  max_continuous_minutes: 90,
  max_daily_minutes: 360,
};

const venueEntry: DirectoryEntry = { kind: 'venue', value: conference };

function problemOf(r: ReturnType<typeof applyDraft>) {
  expect(r.ok, 'a bad draft must be refused').toBe(false);
  return r.ok ? null : r.problem;
}

describe('directory drafts', () => {
  it('round-trips a stored venue unchanged, guest-language names included', () => {
    const r = applyDraft(draftOf(venueEntry, SEOUL), venueEntry, SEOUL, SITES);
    // Invariant: opening and saving without edits never loses data (the Vietnamese name).
    expect(r).toEqual({ ok: true, value: venueEntry });
  });

  it('round-trips a host with a busy block typed in the site zone', () => {
    const entry: DirectoryEntry = { kind: 'host', value: director };
    const draft = draftOf(entry, SEOUL) as HostDraft;
    expect(draft.busy[0]).toEqual({ start: '2026-12-09T15:00', end: '2026-12-09T17:00', reason: '이사회' });
    expect(applyDraft(draft, entry, SEOUL, SITES)).toEqual({ ok: true, value: entry });
  });

  it('keeps pairs between two guest languages and sorts pairs canonically', () => {
    const entry: DirectoryEntry = { kind: 'interpreter', value: mai };
    const draft = draftOf(entry, SEOUL) as InterpreterDraft;
    draft.pairs.push('ko-en');
    const r = applyDraft(draft, entry, SEOUL, SITES);
    expect(r.ok && r.value.kind === 'interpreter' && r.value.value.pairs).toEqual(['en-vi', 'ko-en', 'ko-vi']);
  });

  it('builds a new venue with a key made from the English name and no empty optional fields', () => {
    const draft = emptyDraft('venue', 'annex') as VenueDraft;
    draft.name = { ko: '별관 3층 세미나실', en: 'Annex 3F Seminar Room' };
    draft.capacity = ' 24 ';
    const r = applyDraft(draft, undefined, SEOUL, SITES);
    expect(r).toEqual({
      ok: true,
      value: { kind: 'venue', value: { key: 'annex-3f-seminar-room', site: 'annex', name: { ko: '별관 3층 세미나실', en: 'Annex 3F Seminar Room' }, capacity: 24 } },
    });
  });

  it('gives a new interpreter the backend defaults for limits', () => {
    const draft = emptyDraft('interpreter') as InterpreterDraft;
    expect([draft.maxContinuous, draft.maxDaily, draft.affiliation]).toEqual(['90', '360', 'in_house']);
  });

  it('names the field of the first problem and saves nothing', () => {
    const base = () => ({ ...(emptyDraft('venue', 'annex') as VenueDraft), name: { ko: '세미나실', en: '' }, key: 'seminar' });
    expect(problemOf(applyDraft({ ...base(), key: 'Seminar Room' }, undefined, SEOUL, SITES))).toMatchObject({ field: 'key' });
    expect(problemOf(applyDraft({ ...base(), name: { ko: ' ', en: '' } }, undefined, SEOUL, SITES))).toMatchObject({ field: 'name' });
    expect(problemOf(applyDraft({ ...base(), capacity: 'forty' }, undefined, SEOUL, SITES))).toMatchObject({ field: 'capacity', values: { value: 'forty' } });
    expect(problemOf(applyDraft({ ...base(), capacity: '10', site: 'gone' }, undefined, SEOUL, SITES))).toMatchObject({ field: 'site' });
    const hours = { ...base(), capacity: '10', hours: [{ days: ['mon' as const], open: '09:00', close: '18:00' }, { days: ['sat' as const], open: '13:00', close: '09:00' }] };
    // The problem names the row, so a scheduler finds the bad one among several.
    expect(problemOf(applyDraft(hours, undefined, SEOUL, SITES))).toEqual({ field: 'openingHours', message: 'directory.problem.hoursOrder', values: { row: 2 } });
    const noDays = { ...base(), capacity: '10', hours: [{ days: [], open: '09:00', close: '18:00' }] };
    expect(problemOf(applyDraft(noDays, undefined, SEOUL, SITES))).toMatchObject({ field: 'openingHours', message: 'directory.problem.hoursDays' });
    const closure = { ...base(), capacity: '10', closures: [{ from: '2026-12-26', to: '2026-12-24', reason: '' }] };
    expect(problemOf(applyDraft(closure, undefined, SEOUL, SITES))).toMatchObject({ field: 'closures', message: 'directory.problem.dateOrder' });
  });

  it('accepts 24:00 as a closing time only', () => {
    const draft = { ...(emptyDraft('venue', 'annex') as VenueDraft), key: 'er', name: { ko: '응급실', en: '' }, capacity: '8' };
    expect(applyDraft({ ...draft, hours: [{ days: ['sun'], open: '00:00', close: '24:00' }] }, undefined, SEOUL, SITES).ok).toBe(true);
    expect(problemOf(applyDraft({ ...draft, hours: [{ days: ['sun'], open: '24:00', close: '24:00' }] }, undefined, SEOUL, SITES))).toMatchObject({ field: 'openingHours' });
    expect(problemOf(applyDraft({ ...draft, hours: [{ days: ['sun'], open: '9:00', close: '18:00' }] }, undefined, SEOUL, SITES))).toMatchObject({ values: { time: '9:00' } });
  });

  it('checks interpreters: pairs, limits, busy blocks', () => {
    const d = { ...(emptyDraft('interpreter') as InterpreterDraft), key: 'interp-lee', name: { ko: '이지은', en: '' } };
    expect(problemOf(applyDraft(d, undefined, SEOUL, SITES))).toMatchObject({ field: 'pairs' });
    const ok = { ...d, pairs: ['ko-ru'] };
    expect(problemOf(applyDraft({ ...ok, maxContinuous: '0' }, undefined, SEOUL, SITES))).toMatchObject({ field: 'maxContinuous' });
    expect(problemOf(applyDraft({ ...ok, maxDaily: '1.5' }, undefined, SEOUL, SITES))).toMatchObject({ field: 'maxDaily' });
    expect(problemOf(applyDraft({ ...ok, maxContinuous: '400', maxDaily: '300' }, undefined, SEOUL, SITES))).toMatchObject({ field: 'maxContinuous', message: 'directory.problem.limits' });
    const busy = { ...ok, busy: [{ start: '2026-12-09T17:00', end: '2026-12-09T15:00', reason: '' }] };
    expect(problemOf(applyDraft(busy, undefined, SEOUL, SITES))).toMatchObject({ field: 'busy', values: { row: 1 } });
    const good = applyDraft({ ...ok, busy: [{ start: '2026-12-09T15:00', end: '2026-12-09T17:00', reason: '' }] }, undefined, 'Asia/Ho_Chi_Minh', SITES);
    expect(good.ok && good.value.kind === 'interpreter' && good.value.value.availability?.busy?.[0]?.start, 'typed in the given zone').toBe('2026-12-09T15:00:00+07:00');
  });

  it('refuses an unknown time zone for a site', () => {
    const site = { ...emptyDraft('site'), key: 'partner', name: { ko: '협력병원', en: '' }, timezone: 'Seoul' };
    expect(problemOf(applyDraft(site, undefined, SEOUL, SITES))).toMatchObject({ field: 'timezone', values: { zone: 'Seoul' } });
  });

  it('drops a private flag without a phone number', () => {
    const host = { ...(emptyDraft('host') as HostDraft), key: 'nurse-choi', name: { ko: '최은희', en: '' }, phonePrivate: true };
    const r = applyDraft(host, undefined, SEOUL, SITES);
    expect(r.ok && r.value.kind === 'host' && r.value.value).toEqual({ key: 'nurse-choi', name: { ko: '최은희' }, languages: ['ko'] });
  });

  it('merges the form texts over the stored ones', () => {
    expect(mergeText({ ko: '본원', en: '' }, { ko: '본관', en: 'Main', ru: 'Главный корпус' })).toEqual({ ko: '본원', ru: 'Главный корпус' });
  });
});

describe('directory search and summaries', () => {
  it('finds entries by any language, key, phone or pair', () => {
    expect(matchesQuery(venueEntry, '국제회의실')).toBe(true);
    expect(matchesQuery(venueEntry, 'hội nghị'), 'Vietnamese names are searched too').toBe(true);
    expect(matchesQuery(venueEntry, 'annex 5f')).toBe(true);
    expect(matchesQuery(venueEntry, 'laboratory')).toBe(false);
    expect(matchesQuery({ kind: 'host', value: director }, '2072')).toBe(true);
    expect(matchesQuery({ kind: 'interpreter', value: mai }, 'ko-vi')).toBe(true);
    expect(matchesQuery(venueEntry, '  ')).toBe(true);
  });

  it('writes weekly hours with weekday ranges', () => {
    const name = (d: string) => d.charAt(0).toUpperCase() + d.slice(1);
    expect(hoursText(conference.opening_hours, name)).toBe('Mon–Fri 08:00–20:00');
    expect(hoursText([{ days: ['sat', 'mon', 'wed'], open: '09:00', close: '13:00' }], name)).toBe('Mon, Wed, Sat 09:00–13:00');
    expect(hoursText([{ days: ['sat', 'sun'], open: '10:00', close: '14:00' }], name)).toBe('Sat, Sun 10:00–14:00');
    expect(hoursText(undefined, name)).toBe('');
  });
});

describe('the travel-time matrix', () => {
  const travel: TravelTime[] = [{ from: 'main-hospital', to: 'annex', minutes: 8 }];

  it('sets, changes and removes a directed travel time', () => {
    expect(travelChange(travel, 'annex', 'main-hospital', '10')).toEqual({ ok: true, change: { from: 'annex', to: 'main-hospital', minutes: 10 } });
    expect(travelChange(travel, 'main-hospital', 'annex', '8'), 'unchanged: nothing to send').toEqual({ ok: true, change: null });
    expect(travelChange(travel, 'main-hospital', 'annex', ''), 'blank removes').toEqual({ ok: true, change: { from: 'main-hospital', to: 'annex' } });
    expect(travelChange(travel, 'annex', 'main-hospital', ' '), 'blank and absent: nothing').toEqual({ ok: true, change: null });
  });

  it('refuses minutes that are not a whole number of at most a day', () => {
    for (const bad of ['-5', 'ten', '12.5', '1441']) {
      const r = travelChange(travel, 'main-hospital', 'annex', bad);
      expect(r.ok, bad).toBe(false);
    }
  });

  it('checks the walking buffer', () => {
    expect(bufferSettings('7')).toEqual({ ok: true, value: { same_site_buffer_minutes: 7 } });
    expect(bufferSettings('abc').ok).toBe(false);
  });
});

describe('directory messages', () => {
  it('has every problem message this module names, in both languages', () => {
    const ids = [...source.matchAll(/'(directory\.problem\.\w+)'/g)].map((m) => m[1] ?? '');
    expect(ids.length, 'the scan must find the problem ids').toBeGreaterThan(10);
    const lookup = (cat: object, id: string) => id.split('.').reduce<unknown>((n, p) => (n as Record<string, unknown>)?.[p], cat);
    for (const cat of [en, ko]) expect(ids.filter((id) => typeof lookup(cat, id) !== 'string')).toEqual([]);
  });
});
