/**
 * Undo / redo of member edits as a pure command stack, the members' counterpart of
 * `itinerary-history.ts` (same stack discipline, same shortcuts).
 *
 * An edit is one of: a member added, edited (data and precedence), deleted, or many members
 * imported at once (one step: undoing it removes all of them in one transaction, redoing
 * adds them back, all or nothing).
 *
 * Invariants:
 * - The stack moves only when the store accepted the change. {@link undoMember} and
 *   {@link redoMember} apply a step through the api they are given and return the new
 *   history only on success; a refusal returns the error and the history unchanged, so the
 *   scheduler can fix the cause and try again.
 * - Undoing an edit writes the member as it was before, quoting the version the edit left it
 *   at: if someone changed the member since, the store refuses it as stale (reported
 *   clearly) instead of silently overwriting their change. The stored entry then carries the
 *   version the undo left, so redo quotes it the same way.
 * - Undoing a delete stores the member again under the same key with the same data and
 *   precedence (so the same position in protocol order), and back in the sub-groups and items
 *   the delete took them out of (the store says where they sat; those deleted since are
 *   skipped). Every removal — delete, undoing an add or an import — goes through the bulk
 *   delete, so every re-add can put the members back where they were.
 * - A reorder (drag or Alt+Arrow in the table) is one step holding the whole order before and
 *   after; undo and redo store the other order with the same all-or-nothing operation, which
 *   refuses it (naming the keys) if members were added or removed since.
 */
import type { Outcome } from './backend';
import type { DelegationDetail } from './bindings/DelegationDetail';
import type { Member } from './bindings/Member';
import type { MembersRemoved } from './bindings/MembersRemoved';
import type { Membership } from './bindings/Membership';
import type { MemberRecord } from './bindings/MemberRecord';
import type { UiError } from './bindings/UiError';
import { HISTORY_LIMIT } from './itinerary-history';

export { shortcut } from './itinerary-history';

type Version = MemberRecord['version'];

/** One undoable member edit. `version` is the member's version in the state the stack expects. */
export type MemberEdit =
  | { kind: 'add'; member: Member; placed?: readonly Membership[] }
  | { kind: 'edit'; before: Member; after: Member; version: Version }
  | { kind: 'delete'; member: Member; placed?: readonly Membership[] }
  | { kind: 'import'; members: readonly Member[]; placed?: readonly Membership[] }
  | { kind: 'order'; before: readonly string[]; after: readonly string[]; moved: string };

/** Edits done (oldest first) and undone (the next to redo last). */
export interface MemberHistory {
  readonly done: readonly MemberEdit[];
  readonly undone: readonly MemberEdit[];
}

/** The backend calls undo and redo make (`backend.ts` provides them; tests pass fakes). */
export interface MemberHistoryApi {
  saveMember: (input: { delegation: string; member: Member; expected_version?: Version }) => Promise<Outcome<DelegationDetail>>;
  /** Removes members all or none, saying where each sat (sub-groups, items). */
  deleteMembers: (input: { delegation: string; members: string[] }) => Promise<Outcome<MembersRemoved>>;
  /** Adds members all or none; `restore` puts them back where a delete took them from. */
  addMembers: (input: { delegation: string; members: Member[]; restore?: Membership[] }) => Promise<Outcome<DelegationDetail>>;
  /** Stores a new precedence order; without it the table cannot be reordered. */
  reorderMembers?: (input: { delegation: string; keys: string[] }) => Promise<Outcome<DelegationDetail>>;
}

/** An empty history. */
export function emptyMemberHistory(): MemberHistory {
  return { done: [], undone: [] };
}

/** The history after a new edit was stored: it is undoable, the redo branch is gone. */
export function recordMember(h: MemberHistory, edit: MemberEdit): MemberHistory {
  const done = [...h.done, edit];
  return { done: done.slice(Math.max(0, done.length - HISTORY_LIMIT)), undone: [] };
}

/** The version of `key` in a delegation as stored (0 when absent, which no save quotes). */
export function versionIn(detail: DelegationDetail, key: string): Version {
  return detail.members.find((r) => r.member.key === key)?.version ?? 0;
}

/** The edit a successful save makes: an add when `before` is null, else an edit. */
export function savedEdit(before: Member | null, detail: DelegationDetail, key: string): MemberEdit | null {
  const after = detail.members.find((r) => r.member.key === key);
  if (!after) return null;
  return before ? { kind: 'edit', before, after: after.member, version: after.version } : { kind: 'add', member: after.member };
}

/** The edit an import makes: the imported members as stored, in sheet order. */
export function importEdit(detail: DelegationDetail, keys: readonly string[]): MemberEdit | null {
  const members = keys.map((k) => detail.members.find((r) => r.member.key === k)?.member).filter((m): m is Member => m !== undefined);
  return members.length > 0 ? { kind: 'import', members } : null;
}

/**
 * The keys in `order` with `key` moved `by` places (-1 up, +1 down); null when it is not there
 * or would leave the list.
 */
export function moved(order: readonly string[], key: string, by: number): string[] | null {
  const from = order.indexOf(key);
  const to = from + by;
  if (from < 0 || to < 0 || to >= order.length) return null;
  return placed(order, key, to);
}

/** The keys in `order` with `key` taken out and put back at index `to` (of the list without it). */
export function placed(order: readonly string[], key: string, to: number): string[] {
  const rest = order.filter((k) => k !== key);
  const at = Math.max(0, Math.min(to, rest.length));
  return [...rest.slice(0, at), key, ...rest.slice(at)];
}

/** What a button or a status line says about an edit, as an i18n key and values. */
export function describe(edit: MemberEdit | undefined): { key: string; values: Record<string, string | number> } | null {
  if (!edit) return null;
  switch (edit.kind) {
    case 'add':
      return { key: 'memberHistory.add', values: { name: edit.member.native_name } };
    case 'edit':
      return { key: 'memberHistory.edit', values: { name: edit.after.native_name } };
    case 'delete':
      return { key: 'memberHistory.delete', values: { name: edit.member.native_name } };
    case 'import':
      return { key: 'memberHistory.import', values: { count: edit.members.length } };
    case 'order':
      return { key: 'memberHistory.order', values: { name: edit.moved } };
  }
}

/** The outcome of an undo or redo: the new history and delegation, or the refusal. */
export type StepOutcome = { ok: true; history: MemberHistory; detail: DelegationDetail } | { ok: false; error: UiError };

/** Applies one side of an edit; `forward` is redo, otherwise undo. */
async function apply(
  api: MemberHistoryApi,
  delegation: string,
  edit: MemberEdit,
  forward: boolean,
): Promise<{ outcome: Outcome<DelegationDetail>; next: MemberEdit }> {
  switch (edit.kind) {
    case 'add':
    case 'delete':
    case 'import': {
      // An add or import is undone by a removal and redone by a re-add; a delete the other way round.
      const members = edit.kind === 'import' ? [...edit.members] : [edit.member];
      if ((edit.kind !== 'delete') !== forward) {
        const removed = await api.deleteMembers({ delegation, members: members.map((m) => m.key) });
        if (!removed.ok) return { outcome: { ok: false, error: removed.error }, next: edit };
        return { outcome: { ok: true, value: removed.value.detail }, next: { ...edit, placed: removed.value.memberships } };
      }
      const restore = edit.placed ? [...edit.placed] : [];
      return { outcome: await api.addMembers({ delegation, members, restore }), next: edit };
    }
    case 'edit': {
      const member = forward ? edit.after : edit.before;
      const outcome = await api.saveMember({ delegation, member, expected_version: edit.version });
      const next = outcome.ok ? { ...edit, version: versionIn(outcome.value, member.key) } : edit;
      return { outcome, next };
    }
    case 'order': {
      const keys = [...(forward ? edit.after : edit.before)];
      const outcome: Outcome<DelegationDetail> = api.reorderMembers
        ? await api.reorderMembers({ delegation, keys })
        : { ok: false, error: { kind: 'invalid', message: 'reordering members is not available' } };
      return { outcome, next: edit };
    }
  }
}

/** Undoes the last edit through `api`; null when there is nothing to undo. */
export async function undoMember(h: MemberHistory, api: MemberHistoryApi, delegation: string): Promise<StepOutcome | null> {
  const last = h.done[h.done.length - 1];
  if (!last) return null;
  const { outcome, next } = await apply(api, delegation, last, false);
  if (!outcome.ok) return { ok: false, error: outcome.error };
  return { ok: true, detail: outcome.value, history: { done: h.done.slice(0, -1), undone: [...h.undone, next] } };
}

/** Redoes the last undone edit through `api`; null when there is nothing to redo. */
export async function redoMember(h: MemberHistory, api: MemberHistoryApi, delegation: string): Promise<StepOutcome | null> {
  const next = h.undone[h.undone.length - 1];
  if (!next) return null;
  const { outcome, next: applied } = await apply(api, delegation, next, true);
  if (!outcome.ok) return { ok: false, error: outcome.error };
  return { ok: true, detail: outcome.value, history: { done: [...h.done, applied], undone: h.undone.slice(0, -1) } };
}
