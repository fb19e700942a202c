/**
 * The print dialog's form, pure: its defaults for a delegation, the audiences it can offer,
 * and the `PrintToFile` request it sends. No I/O. Audiences travel through `<select>` as
 * strings (`delegation`, `sub_group:<key>`, `member:<key>`), so encoding is lossless and
 * keys (lowercase, no colon in the prefix part) decode unambiguously.
 */
import type { Audience } from './bindings/Audience';
import type { DelegationDetail } from './bindings/DelegationDetail';
import type { Lang } from './bindings/Lang';
import type { Paper } from './bindings/Paper';
import type { PrintToFile } from './bindings/PrintToFile';
import type { ReleaseInfo } from './bindings/ReleaseInfo';
import { bestText } from './delegations';

/** Which document the dialog prints. */
export type PrintDocument = 'guest' | 'staff';

/** The second language of a bilingual print: Korean or English. */
export type SecondLang = 'ko' | 'en';

/** Second languages the dialog offers. */
export const SECOND_LANGS: readonly SecondLang[] = ['ko', 'en'];
/** Paper sizes the dialog offers. */
export const PAPERS: readonly Paper[] = ['a4', 'letter'];

/** What the dialog's controls hold. */
export interface PrintForm {
  document: PrintDocument;
  /** An encoded {@link Audience} (see {@link encodeAudience}); used for guest copies only. */
  audience: string;
  language: Lang;
  second: SecondLang;
  paper: Paper;
  /**
   * Add a "Changes since" box comparing with the last copy this audience got (only sent when
   * that audience has an earlier release).
   */
  changes: boolean;
}

/** One choice of the audience menu. */
export interface AudienceChoice {
  value: string;
  label: string;
  group: 'delegation' | 'sub_group' | 'member';
}

/** An audience as a `<select>` value. */
export function encodeAudience(a: Audience): string {
  return a.kind === 'delegation' ? 'delegation' : `${a.kind}:${a.key}`;
}

/** The audience a `<select>` value stands for; anything unknown means the whole delegation. */
export function decodeAudience(value: string): Audience {
  const at = value.indexOf(':');
  const kind = at < 0 ? value : value.slice(0, at);
  const key = value.slice(at + 1);
  if (at > 0 && key !== '' && (kind === 'sub_group' || kind === 'member')) return { kind, key };
  return { kind: 'delegation' };
}

/** The form as it opens: guest copy for everyone, the guests' first language over Korean, A4. */
export function defaultForm(detail: DelegationDetail): PrintForm {
  return {
    document: 'guest',
    audience: 'delegation',
    language: detail.delegation.languages[0] ?? 'ko',
    second: 'ko',
    paper: 'a4',
    changes: false,
  };
}

/** Whether two audiences are the same (same kind, same key). */
export function sameAudience(a: Audience, b: Audience): boolean {
  return a.kind === b.kind && (a.kind === 'delegation' || (b.kind !== 'delegation' && a.key === b.key));
}

/**
 * The latest release printed for exactly this audience: what a "Changes since" box compares
 * with. Releases of other audiences do not count (a member's copy is never compared with the
 * whole delegation's).
 */
export function lastReleaseFor(releases: readonly ReleaseInfo[], audience: Audience): ReleaseInfo | null {
  return releases.filter((r) => sameAudience(r.audience, audience)).reduce<ReleaseInfo | null>((best, r) => (best && best.number > r.number ? best : r), null);
}

/**
 * The audiences of a delegation: all of it, each sub-group, each member in protocol order.
 * Labels use `uiLang` for sub-group names and each member's own spelling.
 */
export function audienceChoices(detail: DelegationDetail, uiLang: string): AudienceChoice[] {
  const groups = (detail.delegation.subgroups ?? []).map((g) => ({
    value: encodeAudience({ kind: 'sub_group', key: g.key }),
    label: bestText(g.name, uiLang) || g.key,
    group: 'sub_group' as const,
  }));
  const members = [...detail.members]
    .map((r) => r.member)
    .sort((a, b) => a.precedence - b.precedence)
    .map((m) => ({
      value: encodeAudience({ kind: 'member', key: m.key }),
      label: m.romanized_name && m.romanized_name !== m.native_name ? `${m.native_name} (${m.romanized_name})` : m.native_name,
      group: 'member' as const,
    }));
  return [{ value: 'delegation', label: '', group: 'delegation' }, ...groups, ...members];
}

/**
 * The command input for the form: saved in the default folder (no `folder`) and opened in
 * the system viewer. A staff sheet has no audience; `by` names who printed (kept in the
 * release record of guest copies). The changes box is asked for only when the audience has
 * an earlier release among `releases`.
 */
export function buildPrint(delegation: string, form: PrintForm, by: string, releases: readonly ReleaseInfo[] = []): PrintToFile {
  let document: PrintToFile['request']['document'] = { kind: 'staff' };
  if (form.document === 'guest') {
    const audience = decodeAudience(form.audience);
    const changes = form.changes && lastReleaseFor(releases, audience) !== null;
    document = changes ? { kind: 'guest', audience, changes_since: { kind: 'last_of_audience' } } : { kind: 'guest', audience };
  }
  return {
    request: {
      delegation,
      document,
      options: { paper: form.paper, language: form.language, with: form.second, institution: '' },
      by,
    },
    open: true,
  };
}
