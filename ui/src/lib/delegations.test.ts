import { describe, expect, it } from 'vitest';
import type { Delegation } from './bindings/Delegation';
import type { Member } from './bindings/Member';
import {
  applyDraft,
  applyMemberDraft,
  bestText,
  draftOf,
  emptyDraft,
  emptyMember,
  keyFrom,
  memberDraftOf,
  upcomingFirst,
} from './delegations';

const choray: Delegation = {
  key: 'choray-2026-03',
  name: { ko: '쩌라이 병원 대표단', vi: 'Đoàn Bệnh viện Chợ Rẫy' },
  organisation: { vi: 'Bệnh viện Chợ Rẫy' },
  country: 'VN',
  languages: ['vi', 'en'],
  timezone: 'Asia/Seoul',
  arrival: '2026-03-10T09:00:00+09:00',
  departure: '2026-03-12T17:00:00+09:00',
  arrival_flight: 'VN416',
  status: 'confirmed',
  subgroups: [],
};

const son: Member = {
  key: 'nguyen-truong-son',
  native_name: 'Nguyễn Trường Sơn',
  romanized_name: 'Nguyen Truong Son',
  title: { ko: '부원장', vi: 'Phó Giám đốc' },
  precedence: 1,
};

describe('the delegation list', () => {
  const visit = (key: string, arrival: string, departure: string) => ({ key, arrival, departure });
  const now = Date.parse('2026-03-11T12:00:00+09:00');
  const list = [
    visit('past-2025', '2025-10-01T09:00:00+09:00', '2025-10-03T17:00:00+09:00'),
    visit('tashkent-2026-04', '2026-04-20T09:00:00+05:00', '2026-04-22T17:00:00+05:00'),
    visit('older-2024', '2024-05-01T09:00:00+09:00', '2024-05-02T17:00:00+09:00'),
    visit('choray-2026-03', '2026-03-10T09:00:00+09:00', '2026-03-12T17:00:00+09:00'),
  ];

  it('shows visits not yet over first, soonest arrival on top', () => {
    const { upcoming, past } = upcomingFirst(list, now);
    // Invariant: a visit under way (arrived, not departed) counts as upcoming and leads.
    expect(upcoming.map((v) => v.key)).toEqual(['choray-2026-03', 'tashkent-2026-04']);
    expect(past.map((v) => v.key), 'past visits: most recent first').toEqual(['past-2025', 'older-2024']);
  });
});

describe('names to show', () => {
  it('falls back like the Rust side: language, English, Korean, any', () => {
    expect(bestText(choray.name, 'vi')).toBe('Đoàn Bệnh viện Chợ Rẫy');
    expect(bestText(choray.name, 'ru'), 'no Russian or English: Korean').toBe('쩌라이 병원 대표단');
    expect(bestText({ uz: 'Toshkent shahar tibbiyot birlashmasi' }, 'ko')).toBe('Toshkent shahar tibbiyot birlashmasi');
    expect(bestText({ ko: '  ', en: '' }, 'ko'), 'blank versions do not count').toBe('');
    expect(bestText(undefined, 'ko')).toBe('');
  });

  it('derives keys without accents and refuses scripts it cannot transliterate', () => {
    expect(keyFrom('Nguyễn Trường Sơn')).toBe('nguyen-truong-son');
    expect(keyFrom('Đoàn Bệnh viện Chợ Rẫy 2026')).toBe('doan-benh-vien-cho-ray-2026');
    expect(keyFrom('Hakimov Begʻali'), 'the Uzbek ʻ (U+02BB) is a separator, not a letter').toBe('hakimov-beg-ali');
    expect(keyFrom('Хакимов Бегали'), 'Cyrillic gives no key rather than a wrong one').toBe('');
    expect(keyFrom('日照市人民医院')).toBe('');
  });
});

describe('the delegation form', () => {
  it('round-trips a stored delegation through the form unchanged', () => {
    const result = applyDraft(draftOf(choray), choray);
    expect(result.ok).toBe(true);
    // Invariant: opening and saving a form without edits changes nothing, including fields
    // the form does not show (flight, sub-groups).
    if (result.ok) expect(result.value).toEqual(choray);
  });

  it('stores typed times as wall-clock times of the visit zone', () => {
    const draft = { ...emptyDraft(), key: 'tashkent-2026-04', nameKo: '타슈켄트 방문단', guestLang: 'uz' as const };
    draft.nameGuest = 'Toshkent delegatsiyasi';
    draft.timezone = 'Asia/Tashkent';
    draft.arrival = '2026-04-20T09:00';
    draft.departure = '2026-04-22T17:30';
    const result = applyDraft(draft);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.arrival).toBe('2026-04-20T09:00:00+05:00');
    expect(result.value.departure).toBe('2026-04-22T17:30:00+05:00');
    expect(result.value.name).toEqual({ ko: '타슈켄트 방문단', uz: 'Toshkent delegatsiyasi' });
    expect(result.value.languages[0], 'the guest language comes first').toBe('uz');
    expect(result.value.country, 'blank optional fields are left out, not stored as ""').toBeUndefined();
  });

  it('names the problem instead of saving a bad zone or missing times', () => {
    const bad = applyDraft({ ...draftOf(choray), timezone: 'Seoul' });
    expect(bad).toEqual({ ok: false, problem: { message: 'error.badZone', values: { zone: 'Seoul' } } });
    const noTime = applyDraft({ ...draftOf(choray), arrival: '' });
    expect(noTime).toEqual({ ok: false, problem: { message: 'error.badTime' } });
  });
});

describe('the member form', () => {
  it('keeps the native name exactly as typed', () => {
    const draft = { ...emptyMember([]), nativeName: 'Nguyễn Trường Sơn', romanizedName: 'Nguyen Truong Son' };
    const m = applyMemberDraft(draft, 'vi', []);
    expect(m.native_name).toBe('Nguyễn Trường Sơn');
    // Invariant: NFD input stays NFD — the person's own bytes are never rewritten by the UI.
    const nfd = 'Nguyễn'.normalize('NFD');
    expect(applyMemberDraft({ ...draft, nativeName: nfd }, 'vi', []).native_name).toBe(nfd);
    expect(m.key).toBe('nguyen-truong-son');
    expect(m.precedence, 'the first member heads the delegation').toBe(1);
  });

  it('numbers derived keys that are taken and leaves typed keys to the backend', () => {
    const cyrillic = applyMemberDraft({ ...emptyMember([son]), nativeName: 'Хакимов Бегали' }, 'uz', [son]);
    expect(cyrillic.key).toBe('member-2');
    expect(cyrillic.precedence, 'the next member comes after the existing ones').toBe(2);
    const twin = applyMemberDraft({ ...emptyMember([son]), nativeName: 'Nguyễn Trường Sơn' }, 'vi', [son]);
    expect(twin.key, 'two members of the same name get distinct keys').toBe('nguyen-truong-son-2');
    const typed = applyMemberDraft({ ...emptyMember([son]), nativeName: 'X', key: 'nguyen-truong-son' }, 'vi', [son]);
    expect(typed.key, 'a typed duplicate is reported by the backend, not silently renamed').toBe('nguyen-truong-son');
  });

  it('round-trips an existing member, keeping fields the form does not show', () => {
    const full: Member = { ...son, email: 'son@choray.vn', languages: ['vi', 'en'] };
    const again = applyMemberDraft(memberDraftOf(full, 'vi'), 'vi', [full], full);
    expect(again).toEqual(full);
  });
});
