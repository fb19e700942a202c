import { describe, expect, it } from 'vitest';
import type { Request } from './bindings/Request';
import { draftOfRequest, fieldOfError, fieldOfMessage, newRequestDraft, requestOfDraft, summaryOf } from './requests';

const VISIT = 'choray-2026-03';
const talks: Request = {
  key: 'director-talks',
  delegation: VISIT,
  kind: 'meeting',
  title: { ko: '병원장 면담', en: 'Talks with the director', vi: 'Hội đàm với Giám đốc' },
  duration_minutes: 60,
  participants: { subgroups: ['leaders'] },
  hosts: ['kim-young-soo'],
  hosts_one_of: ['lee-ji-eun', 'park-min-ho'],
  venues: ['annex-5f-conference'],
  interpretation: true,
  earliest: '09:00',
  latest: '12:00',
  dates: ['2026-03-10'],
  after: ['welcome'],
  preferred: { from: '10:00', to: '11:00' },
};

describe('request drafts', () => {
  it('round-trips a stored request through the form, keeping languages the form does not show', () => {
    const d = draftOfRequest(talks);
    const back = requestOfDraft(d, VISIT, new Set(['welcome']), talks);
    expect(back).toEqual({ ok: true, request: talks });
  });

  it('names the field of every problem and never returns a half-filled request', () => {
    const d = {
      ...newRequestDraft(new Set()),
      key: 'Bad Key',
      duration: '0',
      earliest: '11:00',
      latest: '10:00',
      preferredFrom: '10:00',
      preferredTo: '',
      hosts: ['kim-young-soo'],
      hostsOneOf: ['kim-young-soo'],
    };
    const r = requestOfDraft(d, VISIT, new Set());
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => `${p.field}:${p.message}`).sort()).toEqual(
      ['duration:durationPositive', 'hosts:hostsBoth', 'key:keyFormat', 'latest:latestBeforeEarliest', 'preferred:preferredOrder', 'title:titleMissing'].sort(),
    );
  });

  it('refuses a taken key, a window shorter than the duration and an order on itself', () => {
    const d = { ...newRequestDraft(new Set()), key: 'welcome', titleKo: '환영식', duration: '90', earliest: '09:00', latest: '10:00', after: ['welcome'] };
    const r = requestOfDraft(d, VISIT, new Set(['welcome']));
    expect(r.ok ? [] : r.problems.map((p) => p.message).sort()).toEqual(['afterSelf', 'keyTaken', 'windowTooShort']);
  });

  it('gives a new request a free key and leaves optional fields out', () => {
    const d = { ...newRequestDraft(new Set(['request-1'])), titleKo: '오찬' };
    expect(d.key).toBe('request-2');
    const r = requestOfDraft(d, VISIT, new Set(['request-1']));
    expect(r).toEqual({ ok: true, request: { key: 'request-2', delegation: VISIT, kind: 'meeting', title: { ko: '오찬' }, duration_minutes: 60 } });
  });

  it('maps a store refusal to the form field it names', () => {
    expect(fieldOfMessage('duration_minutes: the duration must be above zero')).toBe('duration');
    expect(fieldOfMessage("hosts_one_of[1]: no host with key 'x'")).toBe('hosts');
    expect(fieldOfMessage('this request was changed by someone else')).toBeNull();
    // A Korean message leads with the field's label, so the backend names the field.
    expect(fieldOfError({ message: '소요 시간: 0분보다 길어야 합니다', field: 'duration_minutes' })).toBe('duration');
    expect(fieldOfError({ message: '일정 요청을 다른 사용자가 변경했습니다' })).toBeNull();
    expect(summaryOf(talks)).toEqual({ minutes: 60, window: '09:00–12:00', days: 1 });
  });
});
