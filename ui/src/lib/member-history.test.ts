import { describe, expect, it, vi } from 'vitest';
import type { DelegationDetail } from './bindings/DelegationDetail';
import type { Member } from './bindings/Member';
import type { MemberRecord } from './bindings/MemberRecord';
import type { MembersRemoved } from './bindings/MembersRemoved';
import type { Membership } from './bindings/Membership';
import type { UiError } from './bindings/UiError';
import {
  emptyMemberHistory,
  importEdit,
  moved,
  placed,
  recordMember,
  redoMember,
  savedEdit,
  undoMember,
  type MemberHistory,
  type MemberHistoryApi,
} from './member-history';
import type { Outcome } from './backend';

const son: Member = { key: 'nguyen-truong-son', native_name: 'Nguyễn Trường Sơn', romanized_name: 'Nguyen Truong Son', precedence: 1 };
const mai: Member = { key: 'tran-thi-mai', native_name: 'Trần Thị Mai', precedence: 2, dietary: 'vegetarian' };
const hung: Member = { key: 'le-van-hung', native_name: 'Lê Văn Hùng', precedence: 3 };
const lan: Member = { key: 'pham-thi-lan', native_name: 'Phạm Thị Lan', precedence: 4 };

/**
 * A store of one delegation's members with versions, answering like the backend: stale when
 * a save quotes an old version, not found for a missing member, all-or-nothing bulk calls.
 */
function fakeStore(initial: Member[], subgroups: Record<string, string[]> = {}) {
  const rows = new Map<string, MemberRecord>(initial.map((m) => [m.key, { member: m, version: 1 }]));
  /** Sub-group key → member keys: a delete takes members out, a restoring add puts them back. */
  const groups = new Map<string, string[]>(Object.entries(subgroups));
  const detail = (): Outcome<DelegationDetail> => ({
    ok: true,
    value: { delegation: {}, members: [...rows.values()].sort((a, b) => a.member.precedence - b.member.precedence) } as unknown as DelegationDetail,
  });
  const fail = (kind: UiError['kind'], message: string): Outcome<DelegationDetail> => ({ ok: false, error: { kind, message } });
  const api: MemberHistoryApi = {
    saveMember: vi.fn(async ({ member, expected_version }) => {
      const row = rows.get(member.key);
      if (expected_version === undefined) {
        if (row) return fail('duplicate', `a member with key '${member.key}' already exists`);
        rows.set(member.key, { member, version: 1 });
      } else {
        if (!row) return fail('not_found', `no member with key '${member.key}'`);
        if (row.version !== expected_version) return fail('stale', `this member ('${member.key}') was changed by someone else`);
        rows.set(member.key, { member, version: row.version + 1 });
      }
      return detail();
    }),
    deleteMembers: vi.fn(async ({ members }: { members: string[] }): Promise<Outcome<MembersRemoved>> => {
      const missing = members.find((k: string) => !rows.has(k));
      if (missing) return { ok: false, error: { kind: 'not_found', message: `no member with key '${missing}'` } };
      const memberships: Membership[] = members.map((k) => {
        rows.delete(k);
        const left = [...groups].filter(([, ms]) => ms.includes(k)).map(([g]) => g);
        left.forEach((g) => groups.set(g, groups.get(g)!.filter((m) => m !== k)));
        return { member: k, subgroups: left, items: [] };
      });
      return { ok: true, value: { detail: (detail() as { value: DelegationDetail }).value, memberships } };
    }),
    addMembers: vi.fn(async ({ members, restore }: { members: Member[]; restore?: Membership[] }) => {
      const taken = members.find((m) => rows.has(m.key));
      if (taken) return fail('duplicate', `a member with key '${taken.key}' already exists`);
      members.forEach((m) => rows.set(m.key, { member: m, version: 1 }));
      for (const m of restore ?? []) for (const g of m.subgroups) groups.get(g)?.push(m.member);
      return detail();
    }),
    reorderMembers: vi.fn(async ({ keys }: { keys: string[] }) => {
      const missing = [...rows.keys()].filter((k) => !keys.includes(k));
      const unknown = keys.filter((k) => !rows.has(k));
      if (missing.length || unknown.length || new Set(keys).size !== keys.length)
        return fail('invalid', `keys: the new order must name every member once (missing: [${missing.join(', ')}], not its members: [${unknown.join(', ')}])`);
      keys.forEach((k, i) => {
        const row = rows.get(k)!;
        if (row.member.precedence !== i + 1) rows.set(k, { member: { ...row.member, precedence: i + 1 }, version: row.version + 1 });
      });
      return detail();
    }),
  };
  /** Another workstation saves a member (its version moves on). */
  const editElsewhere = (m: Member) => {
    const row = rows.get(m.key);
    if (row) rows.set(m.key, { member: m, version: row.version + 1 });
  };
  const keys = () => [...rows.values()].sort((a, b) => a.member.precedence - b.member.precedence).map((r) => r.member.key);
  return { api, rows, groups, detail, editElsewhere, keys };
}

async function undo(h: MemberHistory, api: MemberHistoryApi): Promise<MemberHistory> {
  const out = await undoMember(h, api, 'choray');
  if (!out?.ok) throw new Error(`undo refused: ${JSON.stringify(out)}`);
  return out.history;
}

async function redo(h: MemberHistory, api: MemberHistoryApi): Promise<MemberHistory> {
  const out = await redoMember(h, api, 'choray');
  if (!out?.ok) throw new Error(`redo refused: ${JSON.stringify(out)}`);
  return out.history;
}

describe('member undo / redo', () => {
  it('undoes and redoes an add', async () => {
    const store = fakeStore([son]);
    const added = await store.api.saveMember({ delegation: 'choray', member: mai });
    let h = recordMember(emptyMemberHistory(), savedEdit(null, (added as { value: DelegationDetail }).value, mai.key)!);
    h = await undo(h, store.api);
    expect(store.keys(), 'undoing an add removes the member').toEqual([son.key]);
    h = await redo(h, store.api);
    expect(store.rows.get(mai.key)?.member, 'redo adds the same member again').toEqual(mai);
    expect(h.done).toHaveLength(1);
    expect(h.undone).toHaveLength(0);
  });

  it('undoes a delete with the same key, data, position and sub-groups', async () => {
    const store = fakeStore([son, mai, hung], { nursing: [mai.key, hung.key], surgery: [son.key], tour: [mai.key] });
    const removed = await store.api.deleteMembers({ delegation: 'choray', members: [mai.key] });
    if (!removed.ok) throw new Error('delete refused');
    let h = recordMember(emptyMemberHistory(), { kind: 'delete', member: mai, placed: removed.value.memberships });
    expect(store.groups.get('nursing')).toEqual([hung.key]);
    h = await undo(h, store.api);
    expect(store.keys(), 'Mai is back between Sơn and Hùng').toEqual([son.key, mai.key, hung.key]);
    expect(store.rows.get(mai.key)?.member, 'with her data').toEqual(mai);
    expect(store.api.addMembers).toHaveBeenLastCalledWith({ delegation: 'choray', members: [mai], restore: removed.value.memberships });
    expect(store.groups.get('nursing'), 'and in her sub-groups again').toContain(mai.key);
    expect(store.groups.get('tour')).toEqual([mai.key]);
    expect(store.groups.get('surgery'), 'not in others').toEqual([son.key]);
    h = await redo(h, store.api);
    expect(store.keys(), 'redo deletes her again').toEqual([son.key, hung.key]);
    h = await undo(h, store.api);
    expect(store.groups.get('tour'), 'a second undo still knows where she sat').toEqual([mai.key]);
  });

  it('remembers where an added member was placed when the add is undone, for the redo', async () => {
    const store = fakeStore([son], { nursing: [] });
    await store.api.addMembers({ delegation: 'choray', members: [mai] });
    store.groups.set('nursing', [mai.key]); // placed in a sub-group after the add
    let h = recordMember(emptyMemberHistory(), { kind: 'add', member: mai });
    h = await undo(h, store.api);
    expect(store.groups.get('nursing')).toEqual([]);
    await redo(h, store.api);
    expect(store.groups.get('nursing'), 'redo puts her back in the sub-group').toEqual([mai.key]);
  });

  it('undoes an edit quoting the stored version and redoes it quoting the version the undo left', async () => {
    const store = fakeStore([son, mai]);
    const edited = { ...mai, dietary: 'halal', precedence: 1 };
    const saved = await store.api.saveMember({ delegation: 'choray', member: edited, expected_version: 1 });
    let h = recordMember(emptyMemberHistory(), savedEdit(mai, (saved as { value: DelegationDetail }).value, mai.key)!);
    h = await undo(h, store.api);
    expect(store.rows.get(mai.key)?.member, 'the previous data (and precedence) are back').toEqual(mai);
    h = await redo(h, store.api);
    expect(store.rows.get(mai.key)?.member).toEqual(edited);
    await undo(h, store.api);
    expect(store.rows.get(mai.key)?.member, 'undo works again after a redo').toEqual(mai);
  });

  it('refuses to undo an edit over a change made elsewhere, and keeps the stack', async () => {
    const store = fakeStore([mai]);
    const edited = { ...mai, dietary: 'halal' };
    const saved = await store.api.saveMember({ delegation: 'choray', member: edited, expected_version: 1 });
    const h = recordMember(emptyMemberHistory(), savedEdit(mai, (saved as { value: DelegationDetail }).value, mai.key)!);
    const theirs = { ...edited, accessibility: 'wheelchair' };
    store.editElsewhere(theirs);
    const out = await undoMember(h, store.api, 'choray');
    expect(out?.ok).toBe(false);
    expect(out && !out.ok && out.error.kind, 'the concurrent change is reported as stale').toBe('stale');
    expect(store.rows.get(mai.key)?.member, "the other workstation's change is not overwritten").toEqual(theirs);
    expect(h.done, 'the refused undo leaves the stack as it was').toHaveLength(1);
  });

  it('undoes an import in one all-or-nothing call and redoes it the same way', async () => {
    const store = fakeStore([son]);
    const imported = await store.api.addMembers({ delegation: 'choray', members: [mai, hung, lan] });
    let h = recordMember(emptyMemberHistory(), importEdit((imported as { value: DelegationDetail }).value, [mai.key, hung.key, lan.key])!);
    h = await undo(h, store.api);
    expect(store.api.deleteMembers).toHaveBeenCalledWith({ delegation: 'choray', members: [mai.key, hung.key, lan.key] });
    expect(store.keys()).toEqual([son.key]);
    h = await redo(h, store.api);
    expect(store.keys(), 'redo brings all three back').toEqual([son.key, mai.key, hung.key, lan.key]);

    // Someone removed one imported member meanwhile: the undo is refused whole.
    store.rows.delete(hung.key);
    const out = await undoMember(h, store.api, 'choray');
    expect(out && !out.ok && out.error.message).toContain(hung.key);
    expect(store.keys(), 'nothing was removed').toEqual([son.key, mai.key, lan.key]);
    expect(h.done).toHaveLength(1);
  });

  it('forgets the redo branch when a new edit is recorded, and has nothing to undo when empty', async () => {
    const store = fakeStore([son]);
    let h = recordMember(emptyMemberHistory(), { kind: 'add', member: son });
    h = await undo(h, store.api);
    expect(h.undone).toHaveLength(1);
    h = recordMember(h, { kind: 'add', member: mai });
    expect(h.undone, 'a new edit discards what was undone').toHaveLength(0);
    expect(await undoMember(emptyMemberHistory(), store.api, 'choray')).toBeNull();
    expect(await redoMember(emptyMemberHistory(), store.api, 'choray')).toBeNull();
  });
});

describe('member reorder steps', () => {
  it('moves a key one place or to an index, and refuses to leave the list', () => {
    const order = ['a', 'b', 'c'];
    expect(moved(order, 'a', 1)).toEqual(['b', 'a', 'c']);
    expect(moved(order, 'c', -1)).toEqual(['a', 'c', 'b']);
    expect(moved(order, 'a', -1), 'the head cannot go up').toBeNull();
    expect(moved(order, 'c', 1), 'the last cannot go down').toBeNull();
    expect(moved(order, 'x', 1), 'an unknown key does not move').toBeNull();
    expect(placed(order, 'c', 0)).toEqual(['c', 'a', 'b']);
    expect(placed(order, 'a', 2)).toEqual(['b', 'c', 'a']);
  });

  it('undoes a reorder with the old order in one call and redoes it the same way', async () => {
    const store = fakeStore([son, mai, hung, lan]);
    const before = store.keys();
    const after = ['pham-thi-lan', 'nguyen-truong-son', 'tran-thi-mai', 'le-van-hung'];
    const stored = await store.api.reorderMembers!({ delegation: 'choray', keys: after });
    expect(stored.ok).toBe(true);
    let h = recordMember(emptyMemberHistory(), { kind: 'order', before, after, moved: lan.native_name });
    h = await undo(h, store.api);
    expect(store.keys(), 'undo puts the old order back').toEqual(before);
    expect(store.api.reorderMembers).toHaveBeenLastCalledWith({ delegation: 'choray', keys: before });
    h = await redo(h, store.api);
    expect(store.keys(), 'redo stores the new order again').toEqual(after);
    expect(store.api.reorderMembers).toHaveBeenCalledTimes(3);
    expect(store.api.saveMember, 'one operation, not member-by-member saves').not.toHaveBeenCalled();
    expect(h.done).toHaveLength(1);
  });

  it('refuses to undo a reorder once the members changed, and keeps the step', async () => {
    const store = fakeStore([son, mai, hung]);
    const before = store.keys();
    const after = ['tran-thi-mai', 'nguyen-truong-son', 'le-van-hung'];
    await store.api.reorderMembers!({ delegation: 'choray', keys: after });
    const h = recordMember(emptyMemberHistory(), { kind: 'order', before, after, moved: mai.native_name });
    await store.api.addMembers({ delegation: 'choray', members: [lan] });
    const out = await undoMember(h, store.api, 'choray');
    expect(out?.ok).toBe(false);
    if (out && !out.ok) expect(out.error.message).toContain('pham-thi-lan');
    expect(store.keys().slice(0, 3), 'nothing was reordered').toEqual(after);
  });
});
