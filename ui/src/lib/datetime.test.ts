import { describe, expect, it } from 'vitest';
import { formatAsWritten, formatInZone, isKnownZone, localToZoned, wallInZone, zoneOffsetMinutes, zonedToLocal } from './datetime';

describe('wall-clock times in the visit zone', () => {
  it('reads a form time as local to the visit, not to this computer', () => {
    // Invariant: 09:30 typed for a Seoul visit is stored as 09:30+09:00 whatever the OS zone.
    expect(localToZoned('2026-03-10T09:30', 'Asia/Seoul')).toBe('2026-03-10T09:30:00+09:00');
    expect(localToZoned('2026-03-10T09:30', 'Asia/Ho_Chi_Minh')).toBe('2026-03-10T09:30:00+07:00');
    expect(localToZoned('2026-03-10T09:30', 'Asia/Tashkent')).toBe('2026-03-10T09:30:00+05:00');
  });

  it('takes the offset in force on that date across a DST change', () => {
    // Invariant: a DST-observing zone gets summer and winter offsets right.
    expect(localToZoned('2026-01-15T10:00', 'Europe/Berlin')).toBe('2026-01-15T10:00:00+01:00');
    expect(localToZoned('2026-07-15T10:00', 'Europe/Berlin')).toBe('2026-07-15T10:00:00+02:00');
    // 02:30 on 29 March 2026 does not exist in Berlin: it must land after the gap (03:30),
    // never before it, so a meeting is not silently moved earlier.
    const skipped = localToZoned('2026-03-29T02:30', 'Europe/Berlin') ?? '';
    expect(zonedToLocal(skipped, 'Europe/Berlin')).toBe('2026-03-29T03:30');
  });

  it('rejects malformed form values instead of guessing', () => {
    expect(localToZoned('10/03/2026 09:30', 'Asia/Seoul'), 'a non-ISO value must not be stored').toBeNull();
    expect(localToZoned('', 'Asia/Seoul')).toBeNull();
  });

  it('shows a stored timestamp as wall time in the visit zone', () => {
    // Invariant: a time stored with another offset is shown where the visit happens.
    expect(zonedToLocal('2026-03-10T02:30:00+00:00', 'Asia/Seoul')).toBe('2026-03-10T11:30');
    expect(zonedToLocal('2026-03-10T09:30:00+07:00', 'Asia/Ho_Chi_Minh')).toBe('2026-03-10T09:30');
    expect(zonedToLocal('not a time', 'Asia/Seoul')).toBe('');
  });

  it('round-trips form values through the stored form', () => {
    for (const zone of ['Asia/Seoul', 'Asia/Ho_Chi_Minh', 'Asia/Tashkent', 'America/New_York']) {
      const stored = localToZoned('2026-11-02T18:45', zone);
      expect(stored, zone).not.toBeNull();
      expect(zonedToLocal(stored ?? '', zone), `${zone} must round-trip`).toBe('2026-11-02T18:45');
    }
  });

  it('knows offsets and zones', () => {
    expect(zoneOffsetMinutes('Asia/Seoul', Date.UTC(2026, 0, 1))).toBe(540);
    expect(zoneOffsetMinutes('America/New_York', Date.UTC(2026, 0, 1, 12))).toBe(-300);
    expect(isKnownZone('Asia/Seoul')).toBe(true);
    expect(isKnownZone('Mars/Olympus_Mons'), 'unknown zones must be caught before saving').toBe(false);
    expect(isKnownZone('')).toBe(false);
  });

  it('formats for people in the UI language', () => {
    const ko = formatInZone('2026-03-10T09:30:00+09:00', 'Asia/Seoul', 'ko');
    expect(ko).toContain('2026');
    expect(ko).toMatch(/9:30|09:30/);
    expect(formatInZone('garbage', 'Asia/Seoul', 'en')).toBe('');
  });

  it('formats list times at the offset they were written with', () => {
    // Invariant: a Tashkent visit's 09:00+05:00 is listed as 09:00, whatever the OS zone.
    expect(formatAsWritten('2026-04-20T09:00:00+05:00', 'en')).toMatch(/9:00/);
    expect(formatAsWritten('2026-04-20T23:30:00-04:00', 'en')).toContain('Apr 20, 2026');
    expect(formatAsWritten('2026-04-20T09:00:00Z', 'en')).toMatch(/9:00/);
    expect(formatAsWritten('2026-04-20 09:00', 'en'), 'no offset: nothing rather than a guess').toBe('');
  });
});

describe('the same instant on the scheduler\'s clock', () => {
  it('converts a visit-zone wall time to another zone, across the date line and DST', () => {
    // Seoul is UTC+9 all year; Berlin is UTC+1 in winter, UTC+2 in summer.
    expect(wallInZone('2026-12-08T09:30', 'Asia/Seoul', 'Europe/Berlin')).toBe('2026-12-08T01:30');
    expect(wallInZone('2026-12-08T07:00', 'Asia/Seoul', 'Europe/Berlin')).toBe('2026-12-07T23:00');
    expect(wallInZone('2026-07-08T09:30', 'Asia/Seoul', 'Europe/Berlin')).toBe('2026-07-08T02:30');
    expect(wallInZone('2026-12-08T09:30', 'Asia/Seoul', 'Asia/Seoul')).toBe('2026-12-08T09:30');
    expect(wallInZone('not a time', 'Asia/Seoul', 'Europe/Berlin')).toBe('');
  });
});
