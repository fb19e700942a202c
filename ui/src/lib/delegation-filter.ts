/**
 * The delegations screen's search and filters, as a pure function: free text over name (every
 * language), country and organisation; a date range the stay must overlap; a status. Matching
 * ignores case and accents ("nguyen" finds "Nguyễn", "cho ray" finds "Chợ Rẫy"), so staff
 * can type without a Vietnamese keyboard. Dates are calendar days in the visit's own zone.
 */
import type { DelegationStatus } from './bindings/DelegationStatus';
import type { DelegationSummary } from './bindings/DelegationSummary';
import { zonedToLocal } from './datetime';

/** What the scheduler filters by; empty strings mean "any". */
export interface DelegationFilter {
  /** Free text. */
  query: string;
  /** First day (`YYYY-MM-DD`) the stay must reach, or ''. */
  from: string;
  /** Last day (`YYYY-MM-DD`) the stay must start by, or ''. */
  to: string;
  /** Status, or '' for any. */
  status: DelegationStatus | '';
}

/** No filter. */
export function noFilter(): DelegationFilter {
  return { query: '', from: '', to: '', status: '' };
}

/** Lower case without accents; đ/Đ become d (NFD does not decompose them). */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

function haystack(d: DelegationSummary): string {
  const parts = [d.key, d.country ?? '', ...Object.values(d.name), ...Object.values(d.organisation)];
  return fold(parts.filter((p): p is string => typeof p === 'string').join('\n'));
}

/** Whether one delegation passes the filter. */
export function matches(d: DelegationSummary, f: DelegationFilter): boolean {
  if (f.status && d.status !== f.status) return false;
  const first = zonedToLocal(d.arrival, d.timezone).slice(0, 10);
  const last = zonedToLocal(d.departure, d.timezone).slice(0, 10);
  if (f.from && last < f.from) return false;
  if (f.to && first > f.to) return false;
  const words = fold(f.query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = haystack(d);
  return words.every((w) => hay.includes(w));
}

/** The delegations that pass the filter, in the given order. */
export function filterDelegations<T extends DelegationSummary>(list: readonly T[], f: DelegationFilter): T[] {
  return list.filter((d) => matches(d, f));
}
