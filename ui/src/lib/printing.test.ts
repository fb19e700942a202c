import { describe, expect, it } from 'vitest';
import type { DelegationDetail } from './bindings/DelegationDetail';
import type { ReleaseInfo } from './bindings/ReleaseInfo';
import { audienceChoices, buildPrint, decodeAudience, defaultForm, encodeAudience, lastReleaseFor } from './printing';

// Parsed JSON as the IPC delivers it.
const detail = JSON.parse(
  JSON.stringify({
    version: 4,
    delegation: {
      key: 'samarkand-2026-11',
      name: { ko: '사마르칸트 국립의대 방문단', uz: 'Samarqand davlat tibbiyot universiteti' },
      languages: ['uz', 'ru'],
      timezone: 'Asia/Seoul',
      arrival: '2026-11-23T09:00:00+09:00',
      departure: '2026-11-27T18:00:00+09:00',
      status: 'planned',
      subgroups: [{ key: 'students', name: { ko: '학생 세션', en: 'Students' }, members: ['hakimov-begali'] }],
    },
    members: [
      { version: 1, member: { key: 'hakimov-begali', native_name: 'Hakimov Begʻali', romanized_name: 'Hakimov Begʻali', precedence: 2 } },
      { version: 2, member: { key: 'xakimov-rector', native_name: 'Хакимов Бегали', romanized_name: 'Khakimov Begali', precedence: 1 } },
    ],
  }),
) as DelegationDetail;

describe('the print form', () => {
  it('opens on a guest copy in the guests’ first language over Korean, on A4', () => {
    // Invariant: the default matches the office's usual print (brief: first language + ko).
    expect(defaultForm(detail)).toEqual({ document: 'guest', audience: 'delegation', language: 'uz', second: 'ko', paper: 'a4', changes: false });
  });

  it('offers the whole delegation, then sub-groups, then members by precedence', () => {
    const choices = audienceChoices(detail, 'en');
    expect(choices.map((c) => c.value)).toEqual(['delegation', 'sub_group:students', 'member:xakimov-rector', 'member:hakimov-begali']);
    expect(choices[1]?.label, 'sub-group named in the UI language').toBe('Students');
    expect(choices[2]?.label, 'member in own script with the romanization').toBe('Хакимов Бегали (Khakimov Begali)');
    expect(choices[3]?.label, 'no repeated name when both spellings agree (U+02BB kept)').toBe('Hakimov Begʻali');
  });

  it('round-trips every audience through its select value', () => {
    for (const a of [{ kind: 'delegation' }, { kind: 'sub_group', key: 'students' }, { kind: 'member', key: 'hakimov-begali' }] as const) {
      expect(decodeAudience(encodeAudience(a))).toEqual(a);
    }
    expect(decodeAudience('member:'), 'an empty key is not a member').toEqual({ kind: 'delegation' });
    expect(decodeAudience('venue:annex'), 'unknown kinds fall back to everyone').toEqual({ kind: 'delegation' });
  });

  it('builds a guest copy for one member, saved in the default folder and opened', () => {
    const form = { ...defaultForm(detail), audience: 'member:hakimov-begali', second: 'en' as const, paper: 'letter' as const };
    expect(buildPrint('samarkand-2026-11', form, 'kim.jiyoung')).toEqual({
      request: {
        delegation: 'samarkand-2026-11',
        document: { kind: 'guest', audience: { kind: 'member', key: 'hakimov-begali' } },
        options: { paper: 'letter', language: 'uz', with: 'en', institution: '' },
        by: 'kim.jiyoung',
      },
      open: true,
    });
  });

  it('sends no audience with a staff run sheet and never a folder', () => {
    const out = buildPrint('samarkand-2026-11', { ...defaultForm(detail), document: 'staff', audience: 'sub_group:students' }, 'x');
    // Invariant: the staff sheet covers the whole delegation; the folder stays the default.
    expect(out.request.document).toEqual({ kind: 'staff' });
    expect('folder' in out).toBe(false);
  });

  const release = (number: number, audience: ReleaseInfo['audience']): ReleaseInfo => ({
    delegation: 'samarkand-2026-11',
    number,
    audience,
    released_at: '2026-11-20T10:00:00+09:00',
    released_by: '이지은',
    item_count: 12,
  });
  const releases = [
    release(1, { kind: 'delegation' }),
    release(2, { kind: 'member', key: 'hakimov-begali' }),
    release(3, { kind: 'sub_group', key: 'students' }),
    release(4, { kind: 'delegation' }),
  ];

  it('finds the last copy of the same audience only', () => {
    // Invariant: a member's changes box never compares with another audience's copy.
    expect(lastReleaseFor(releases, { kind: 'member', key: 'hakimov-begali' })?.number).toBe(2);
    expect(lastReleaseFor(releases, { kind: 'delegation' })?.number, 'the latest of several').toBe(4);
    expect(lastReleaseFor(releases, { kind: 'member', key: 'xakimov-rector' }), 'never printed for him').toBeNull();
    expect(lastReleaseFor(releases, { kind: 'sub_group', key: 'hakimov-begali' }), 'same key, other kind').toBeNull();
  });

  it('asks for the changes since the audience’s last copy only when there is one', () => {
    const form = { ...defaultForm(detail), audience: 'member:hakimov-begali', changes: true };
    expect(buildPrint('samarkand-2026-11', form, 'x', releases).request.document).toEqual({
      kind: 'guest',
      audience: { kind: 'member', key: 'hakimov-begali' },
      changes_since: { kind: 'last_of_audience' },
    });
    const never = { ...form, audience: 'member:xakimov-rector' };
    expect(buildPrint('samarkand-2026-11', never, 'x', releases).request.document, 'no earlier copy: no box').toEqual({
      kind: 'guest',
      audience: { kind: 'member', key: 'xakimov-rector' },
    });
    const off = { ...form, changes: false };
    expect(buildPrint('samarkand-2026-11', off, 'x', releases).request.document).not.toHaveProperty('changes_since');
  });
});
