/**
 * Repeating a past visit on new dates: the form's defaults and its checks, kept out of the
 * dialog so they are tested on their own. The backend copies the programme as tentative
 * holds (`repeat_visit`); this module only decides what to ask for.
 */
import type { Delegation } from './bindings/Delegation';
import type { LocalizedText } from './bindings/LocalizedText';
import type { RepeatVisit } from './bindings/RepeatVisit';
import { keyFrom } from './delegations';

/** What the repeat dialog's inputs hold. */
export interface RepeatForm {
  key: string;
  nameKo: string;
  nameEn: string;
  /** `YYYY-MM-DD`, the new arrival day in the visit's zone. */
  arrival: string;
  withMembers: boolean;
}

/** A problem with the form, naming the field it is about (an i18n key under `repeat.`). */
export type RepeatProblem = { field: 'key' | 'arrival' | 'name'; message: string };

/** The arrival day of a visit in its own zone, as `YYYY-MM-DD`. */
export function arrivalDay(d: Pick<Delegation, 'arrival' | 'timezone'>): string {
  // From the parts, not a locale's format: WebKitGTK's en-CA gives "12/7/2026", not ISO.
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: d.timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(
    new Date(d.arrival),
  );
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The same calendar day one year later (29 February becomes 28 February). */
export function nextYear(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y + 1, m, 0)).getUTCDate();
  return `${y + 1}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * A key for the repeat: the past key with its year moved to the new year when it has one
 * ("choray-2026-03" arriving in March 2027 → "choray-2027-03"), else the past key with the
 * new arrival day after it. Never the past key itself.
 */
export function suggestKey(pastKey: string, arrival: string): string {
  const [year, month] = arrival.split('-');
  let key = pastKey.replace(/(^|[-_.])(19|20)\d\d(?=$|[-_.])/, `$1${year}`);
  key = key.replace(new RegExp(`(${year}[-_.])(0[1-9]|1[0-2])(?=$|[-_.])`), `$1${month}`);
  if (key === pastKey) key = `${pastKey}-${arrival}`;
  return keyFrom(key.replace(/[._]/g, '-')).slice(0, 80);
}

/** The dialog's starting values for repeating `past`. */
export function defaultRepeat(past: Delegation): RepeatForm {
  const arrival = nextYear(arrivalDay(past));
  return {
    key: suggestKey(past.key, arrival),
    nameKo: past.name.ko ?? '',
    nameEn: past.name.en ?? '',
    arrival,
    withMembers: false,
  };
}

const KEY = /^[a-z0-9_.-]{1,80}$/;

/** The command's input, or the first problem found (in the order of the form's fields). */
export function buildRepeat(past: Delegation, form: RepeatForm): { ok: true; value: RepeatVisit } | { ok: false; problem: RepeatProblem } {
  const key = form.key.trim();
  if (!KEY.test(key)) return { ok: false, problem: { field: 'key', message: 'repeat.badKey' } };
  if (key === past.key) return { ok: false, problem: { field: 'key', message: 'repeat.sameKey' } };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.arrival) || Number.isNaN(Date.parse(`${form.arrival}T00:00:00Z`))) {
    return { ok: false, problem: { field: 'arrival', message: 'repeat.badArrival' } };
  }
  const name: LocalizedText = { ...past.name };
  if (form.nameKo.trim()) name.ko = form.nameKo.trim();
  if (form.nameEn.trim()) name.en = form.nameEn.trim();
  if (!Object.values(name).some((t) => t && t.trim())) return { ok: false, problem: { field: 'name', message: 'repeat.noName' } };
  return {
    ok: true,
    value: { source: past.key, key, name, arrival_date: form.arrival, with_members: form.withMembers },
  };
}
