import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DelegationDetail } from '../bindings/DelegationDetail';
import type { Member } from '../bindings/Member';
import type { MemberRecord } from '../bindings/MemberRecord';
import { setupI18n, switchLocale } from '../i18n';
import MemberPanel from './MemberPanel.svelte';

const members: Member[] = [
  { key: 'tran-thi-mai', native_name: 'Trần Thị Mai', romanized_name: 'Tran Thi Mai', precedence: 2, dietary: 'vegetarian' },
  { key: 'nguyen-truong-son', native_name: 'Nguyễn Trường Sơn', romanized_name: 'Nguyen Truong Son', precedence: 1 },
];

afterEach(() => cleanup());

// As the IPC delivers them: parsed JSON, versions are plain numbers.
const records = JSON.parse(JSON.stringify(members.map((member, i) => ({ member, version: i + 3 })))) as MemberRecord[];

/** The delegation as the store answers after a save: `records` with `member` put in at `version`. */
function storedWith(member: Member, version: number): DelegationDetail {
  const others = records.filter((r) => r.member.key !== member.key);
  return { delegation: {}, members: [...others, { member, version }] } as unknown as DelegationDetail;
}

beforeAll(() => {
  setupI18n();
  switchLocale('ko');
});

describe('the member panel', () => {
  it('lists members in protocol order with their own spelling', () => {
    render(MemberPanel, { records, guestLang: 'vi', onsave: vi.fn(), ondelete: vi.fn() });
    const cells = screen.getAllByTestId(/^member-native-/).map((c) => c.textContent);
    // Invariant: the head of delegation (precedence 1) is listed first.
    expect(cells).toEqual(['Nguyễn Trường Sơn', 'Trần Thị Mai']);
    expect(screen.getByText('단원'), 'the heading follows the UI language').toBeTruthy();
  });

  it('adds a member through the form and closes it once stored', async () => {
    const onsave = vi.fn(async (m: Member) => storedWith(m, 1));
    render(MemberPanel, { records, guestLang: 'vi', onsave, ondelete: vi.fn() });
    await fireEvent.click(screen.getByTestId('add-member'));
    await fireEvent.input(screen.getByTestId('member-native-name'), { target: { value: 'Lê Văn Hùng' } });
    await fireEvent.submit(screen.getByTestId('member-form'));
    expect(onsave).toHaveBeenCalledTimes(1);
    const [member, version] = onsave.mock.calls[0] as unknown as [Member, unknown];
    expect(member.native_name).toBe('Lê Văn Hùng');
    expect(member.precedence, 'a new member goes after the existing ones').toBe(3);
    expect(version, 'a new member quotes no version').toBeUndefined();
    await vi.waitFor(() => expect(screen.queryByTestId('member-form')).toBeNull());
  });

  it('edits a member quoting the version it was loaded at', async () => {
    const onsave = vi.fn(async () => null);
    render(MemberPanel, { records, guestLang: 'vi', onsave, ondelete: vi.fn() });
    await fireEvent.click(screen.getByTestId('member-edit-tran-thi-mai'));
    await fireEvent.input(screen.getByTestId('member-dietary'), { target: { value: 'halal' } });
    await fireEvent.submit(screen.getByTestId('member-form'));
    const [member, version] = onsave.mock.calls[0] as unknown as [Member, unknown];
    // Invariant: an update carries the loaded version so a concurrent edit is caught.
    expect(version).toBe(3);
    expect(member).toMatchObject({ key: 'tran-thi-mai', dietary: 'halal', native_name: 'Trần Thị Mai' });
    expect(screen.queryByTestId('member-form'), 'a refused save keeps the form open').not.toBeNull();
  });

  it('keeps quoting the opened version and the input after a live refresh', async () => {
    const onsave = vi.fn(async () => null);
    const { rerender } = render(MemberPanel, { records, guestLang: 'vi', onsave, ondelete: vi.fn() });
    await fireEvent.click(screen.getByTestId('member-edit-tran-thi-mai'));
    await fireEvent.input(screen.getByTestId('member-dietary'), { target: { value: 'halal' } });
    // Another workstation saved Mai meanwhile: the live refresh brings version 4.
    const newer = records.map((r) => (r.member.key === 'tran-thi-mai' ? { ...r, version: 4 } : r));
    await rerender({ records: newer, guestLang: 'vi', onsave, ondelete: vi.fn() });
    await fireEvent.submit(screen.getByTestId('member-form'));
    const [member, version] = onsave.mock.calls[0] as unknown as [Member, unknown];
    // Invariant: the save quotes the version the form was opened at, so the other
    // workstation's change is reported as stale instead of being overwritten.
    expect(version).toBe(3);
    expect(member.dietary, 'the scheduler input survives the refresh').toBe('halal');
    expect(screen.queryByTestId('member-form'), 'a stale save keeps the form open').not.toBeNull();
  });

  it('asks before deleting and deletes only on confirmation', async () => {
    const ondelete = vi.fn(async () => null);
    render(MemberPanel, { records, guestLang: 'vi', onsave: vi.fn(), ondelete });
    await fireEvent.click(screen.getByTestId('member-delete-tran-thi-mai'));
    expect(ondelete, 'one click must not delete').not.toHaveBeenCalled();
    await fireEvent.click(screen.getByTestId('member-delete-tran-thi-mai-confirm'));
    expect(ondelete).toHaveBeenCalledWith('tran-thi-mai');
  });

  it('undoes and redoes an edit, quoting the versions the store gave, with buttons and Ctrl+Z / Ctrl+Shift+Z', async () => {
    const mai = records[0]!.member;
    const onsave = vi.fn(async (m: Member) => storedWith(m, 4));
    const history = {
      saveMember: vi.fn(async (input: { member: Member; expected_version?: number }) => ({ ok: true as const, value: storedWith(input.member, (input.expected_version ?? 0) + 1) })),
      deleteMembers: vi.fn(),
      addMembers: vi.fn(),
    };
    const onchanged = vi.fn();
    render(MemberPanel, { records, guestLang: 'vi', onsave, ondelete: vi.fn(), delegation: 'd', history, onchanged });
    // The head's buttons are hidden while a form is open: look them up afresh each time.
    const undo = () => screen.getByTestId('member-undo') as HTMLButtonElement;
    expect(undo().disabled, 'nothing to undo yet').toBe(true);
    await fireEvent.click(screen.getByTestId('member-edit-tran-thi-mai'));
    await fireEvent.input(screen.getByTestId('member-dietary'), { target: { value: 'halal' } });
    await fireEvent.submit(screen.getByTestId('member-form'));
    await vi.waitFor(() => expect(undo().disabled).toBe(false));
    expect(undo().title).toContain('Trần Thị Mai');

    const panel = screen.getByTestId('member-panel');
    await fireEvent.keyDown(panel, { key: 'z', ctrlKey: true });
    await vi.waitFor(() => expect(history.saveMember).toHaveBeenCalledTimes(1));
    // Invariant: undo writes the member as it was, quoting the version the edit left, so a
    // change made since by someone else is refused as stale rather than overwritten.
    expect(history.saveMember.mock.calls[0]?.[0]).toEqual({ delegation: 'd', member: mai, expected_version: 4 });
    await vi.waitFor(() => expect(onchanged).toHaveBeenCalledTimes(1));

    await fireEvent.keyDown(panel, { key: 'Z', ctrlKey: true, shiftKey: true });
    await vi.waitFor(() => expect(history.saveMember).toHaveBeenCalledTimes(2));
    const redo = history.saveMember.mock.calls[1]?.[0];
    expect(redo?.member.dietary, 'redo writes the edit again').toBe('halal');
    expect(redo?.expected_version, 'redo quotes the version the undo left').toBe(5);
  });

  it('leaves Ctrl+Z in a text field to the field', async () => {
    const history = {
      saveMember: vi.fn(),
      deleteMembers: vi.fn(async () => ({ ok: true as const, value: { detail: storedWith(records[0]!.member, 9), memberships: [] } })),
      addMembers: vi.fn(),
    };
    const onsave = vi.fn(async (m: Member) => storedWith(m, 1));
    render(MemberPanel, { records, guestLang: 'vi', onsave, ondelete: vi.fn(), delegation: 'd', history, onchanged: vi.fn() });
    await fireEvent.click(screen.getByTestId('add-member'));
    await fireEvent.input(screen.getByTestId('member-native-name'), { target: { value: 'Lê Văn Hùng' } });
    await fireEvent.submit(screen.getByTestId('member-form'));
    await vi.waitFor(() => expect(screen.queryByTestId('member-form')).toBeNull());
    await fireEvent.click(screen.getByTestId('member-edit-tran-thi-mai'));
    const field = screen.getByTestId('member-dietary');
    const event = await fireEvent.keyDown(field, { key: 'z', ctrlKey: true });
    expect(event, 'the field keeps its own undo (the event is not prevented)').toBe(true);
    expect(history.deleteMembers, 'the add is not undone from inside a text field').not.toHaveBeenCalled();
  });

  it('keeps the typed input and the history when a save is refused, and reports a refused undo', async () => {
    const onsave = vi.fn(async () => null);
    const onerror = vi.fn();
    const placed = { member: 'tran-thi-mai', subgroups: ['nursing'], items: ['choray-director-talks'] };
    const ondelete = vi.fn(async (key: string) => ({
      detail: { delegation: {}, members: records.filter((r) => r.member.key !== key) } as unknown as DelegationDetail,
      memberships: [placed],
    }));
    const taken = { kind: 'duplicate' as const, message: "a member with key 'tran-thi-mai' already exists" };
    const history = {
      saveMember: vi.fn(),
      deleteMembers: vi.fn(),
      addMembers: vi.fn(async () => ({ ok: false as const, error: taken })),
    };
    render(MemberPanel, { records, guestLang: 'vi', onsave, ondelete, delegation: 'd', history, onchanged: vi.fn(), onerror });
    await fireEvent.click(screen.getByTestId('member-delete-tran-thi-mai'));
    await fireEvent.click(screen.getByTestId('member-delete-tran-thi-mai-confirm'));
    const undo = () => screen.getByTestId('member-undo') as HTMLButtonElement;
    await vi.waitFor(() => expect(undo().disabled).toBe(false));

    await fireEvent.click(screen.getByTestId('member-edit-nguyen-truong-son'));
    await fireEvent.input(screen.getByTestId('member-dietary'), { target: { value: 'no pork' } });
    await fireEvent.submit(screen.getByTestId('member-form'));
    await vi.waitFor(() => expect(onsave).toHaveBeenCalledTimes(1));
    expect((screen.getByTestId('member-dietary') as HTMLInputElement).value, 'the typed input survives').toBe('no pork');
    await fireEvent.click(screen.getByTestId('member-cancel'));
    expect(undo().title, 'the refused save was not recorded: undo still means the delete').toContain('Trần Thị Mai');

    await fireEvent.click(undo());
    await vi.waitFor(() => expect(onerror).toHaveBeenCalledWith(taken));
    // Undo of a delete stores the member again (same key, data, precedence) where she sat.
    expect(history.addMembers).toHaveBeenCalledWith({ delegation: 'd', members: [records[0]!.member], restore: [placed] });
    expect(undo().disabled, 'a refused undo leaves the step to try again').toBe(false);
  });
});

describe('reordering and inline editing in the member table', () => {
  const trio: Member[] = [
    { key: 'nguyen-truong-son', native_name: 'Nguyễn Trường Sơn', precedence: 1 },
    { key: 'tran-thi-mai', native_name: 'Trần Thị Mai', romanized_name: 'Tran Thi Mai', precedence: 2 },
    { key: 'le-van-hung', native_name: 'Lê Văn Hùng', precedence: 3 },
  ];
  const trioRecords = JSON.parse(JSON.stringify(trio.map((member) => ({ member, version: 1 })))) as MemberRecord[];

  /** The store's answer to a reorder: precedence 1..n in the order of `keys`. */
  function storedInOrder(keys: string[]): DelegationDetail {
    const members = keys.map((k, i) => ({ member: { ...trio.find((m) => m.key === k)!, precedence: i + 1 }, version: 2 }));
    return { delegation: {}, members } as unknown as DelegationDetail;
  }

  function api() {
    return {
      saveMember: vi.fn(),
      deleteMembers: vi.fn(),
      addMembers: vi.fn(),
      reorderMembers: vi.fn(async (input: { delegation: string; keys: string[] }) => ({ ok: true as const, value: storedInOrder(input.keys) })),
    };
  }

  it('moves a focused row with Alt+ArrowDown, announces it, and undoes the move with the old order', async () => {
    const history = api();
    const onchanged = vi.fn();
    const { rerender } = render(MemberPanel, { records: trioRecords, guestLang: 'vi', onsave: vi.fn(), ondelete: vi.fn(), delegation: 'd', history, onchanged });
    const row = screen.getByTestId('member-row-nguyen-truong-son');
    await fireEvent.keyDown(row, { key: 'ArrowDown', altKey: true });
    await vi.waitFor(() => expect(history.reorderMembers).toHaveBeenCalledTimes(1));
    // Invariant: the whole order is sent, the moved member one place lower.
    expect(history.reorderMembers.mock.calls[0]?.[0]).toEqual({ delegation: 'd', keys: ['tran-thi-mai', 'nguyen-truong-son', 'le-van-hung'] });
    await vi.waitFor(() => expect(onchanged).toHaveBeenCalledTimes(1));
    const status = screen.getByTestId('member-order-status');
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.textContent, 'the new place is announced').toContain('Nguyễn Trường Sơn');
    expect(status.textContent).toContain('2');

    // The parent feeds the stored order back.
    await rerender({ records: storedInOrder(['tran-thi-mai', 'nguyen-truong-son', 'le-van-hung']).members });
    const names = screen.getAllByTestId(/^member-native-[a-z-]+$/).map((c) => c.textContent);
    expect(names).toEqual(['Trần Thị Mai', 'Nguyễn Trường Sơn', 'Lê Văn Hùng']);

    const undo = screen.getByTestId('member-undo') as HTMLButtonElement;
    expect(undo.title, 'the move is one undo step').toContain('Nguyễn Trường Sơn');
    await fireEvent.click(undo);
    await vi.waitFor(() => expect(history.reorderMembers).toHaveBeenCalledTimes(2));
    // Invariant: undo restores the previous order through the same operation.
    expect(history.reorderMembers.mock.calls[1]?.[0]).toEqual({ delegation: 'd', keys: ['nguyen-truong-son', 'tran-thi-mai', 'le-van-hung'] });
    expect(history.saveMember, 'no member-by-member writes').not.toHaveBeenCalled();
  });

  it('does not move the head up or the last member down', async () => {
    const history = api();
    render(MemberPanel, { records: trioRecords, guestLang: 'vi', onsave: vi.fn(), ondelete: vi.fn(), delegation: 'd', history, onchanged: vi.fn() });
    await fireEvent.keyDown(screen.getByTestId('member-row-nguyen-truong-son'), { key: 'ArrowUp', altKey: true });
    await fireEvent.keyDown(screen.getByTestId('member-row-le-van-hung'), { key: 'ArrowDown', altKey: true });
    await fireEvent.keyDown(screen.getByTestId('member-row-le-van-hung'), { key: 'ArrowUp' });
    expect(history.reorderMembers).not.toHaveBeenCalled();
  });

  it('drops a dragged row in the place of the row it is dropped on', async () => {
    const history = api();
    const onchanged = vi.fn();
    render(MemberPanel, { records: trioRecords, guestLang: 'vi', onsave: vi.fn(), ondelete: vi.fn(), delegation: 'd', history, onchanged });
    const handle = screen.getByTestId('member-drag-le-van-hung');
    expect(handle.getAttribute('draggable')).toBe('true');
    expect(handle.getAttribute('aria-label'), 'the handle says what it moves').toContain('Lê Văn Hùng');
    await fireEvent.dragStart(handle);
    await fireEvent.dragOver(screen.getByTestId('member-row-nguyen-truong-son'));
    await fireEvent.drop(screen.getByTestId('member-row-nguyen-truong-son'));
    await vi.waitFor(() => expect(history.reorderMembers).toHaveBeenCalledTimes(1));
    expect(history.reorderMembers.mock.calls[0]?.[0]).toEqual({ delegation: 'd', keys: ['le-van-hung', 'nguyen-truong-son', 'tran-thi-mai'] });
    // Dragging down takes the target's place below it.
    await fireEvent.dragStart(screen.getByTestId('member-drag-nguyen-truong-son'));
    await fireEvent.drop(screen.getByTestId('member-row-tran-thi-mai'));
    await vi.waitFor(() => expect(history.reorderMembers).toHaveBeenCalledTimes(2));
    expect(history.reorderMembers.mock.calls[1]?.[0]?.keys).toEqual(['tran-thi-mai', 'nguyen-truong-son', 'le-van-hung']);
  });

  it('reports a refused reorder and records no undo step', async () => {
    const history = api();
    const refused = { kind: 'invalid' as const, message: "keys: the new order must name every member of delegation 'd' once (missing: [x], not its members: [])" };
    history.reorderMembers.mockImplementation(async () => ({ ok: false as const, error: refused }) as never);
    const onerror = vi.fn();
    const onchanged = vi.fn();
    render(MemberPanel, { records: trioRecords, guestLang: 'vi', onsave: vi.fn(), ondelete: vi.fn(), delegation: 'd', history, onchanged, onerror });
    await fireEvent.keyDown(screen.getByTestId('member-row-tran-thi-mai'), { key: 'ArrowUp', altKey: true });
    await vi.waitFor(() => expect(onerror).toHaveBeenCalledWith(refused));
    expect(onchanged).not.toHaveBeenCalled();
    expect((screen.getByTestId('member-undo') as HTMLButtonElement).disabled, 'nothing to undo').toBe(true);
  });

  it('edits a name in place: double-click starts, Enter saves with the stored version, Escape cancels', async () => {
    const onsave = vi.fn(async (m: Member) => storedWith(m, 2));
    render(MemberPanel, { records: trioRecords, guestLang: 'vi', onsave, ondelete: vi.fn() });
    await fireEvent.dblClick(screen.getByTestId('member-native-tran-thi-mai'));
    const input = screen.getByTestId('member-native-input-tran-thi-mai') as HTMLInputElement;
    expect(input.value).toBe('Trần Thị Mai');
    await fireEvent.input(input, { target: { value: 'Trần Thị Mai Anh' } });
    await fireEvent.keyDown(input, { key: 'Enter' });
    await vi.waitFor(() => expect(onsave).toHaveBeenCalledTimes(1));
    const [member, version] = onsave.mock.calls[0] as unknown as [Member, unknown];
    expect(member).toMatchObject({ key: 'tran-thi-mai', native_name: 'Trần Thị Mai Anh', romanized_name: 'Tran Thi Mai', precedence: 2 });
    expect(version, 'the save quotes the stored version').toBe(1);
    await vi.waitFor(() => expect(screen.queryByTestId('member-native-input-tran-thi-mai')).toBeNull());

    // Enter on the focused romanized cell starts; Escape cancels without saving.
    await fireEvent.keyDown(screen.getByTestId('member-romanized-tran-thi-mai'), { key: 'Enter' });
    const roman = screen.getByTestId('member-romanized-input-tran-thi-mai') as HTMLInputElement;
    await fireEvent.input(roman, { target: { value: 'something else' } });
    await fireEvent.keyDown(roman, { key: 'Escape' });
    expect(screen.queryByTestId('member-romanized-input-tran-thi-mai')).toBeNull();
    expect(screen.getByTestId('member-romanized-tran-thi-mai').textContent).toBe('Tran Thi Mai');
    expect(onsave).toHaveBeenCalledTimes(1);
  });

  it('keeps the typed name when an in-place save is refused', async () => {
    const onsave = vi.fn(async () => null);
    render(MemberPanel, { records: trioRecords, guestLang: 'vi', onsave, ondelete: vi.fn() });
    await fireEvent.dblClick(screen.getByTestId('member-romanized-le-van-hung'));
    const input = screen.getByTestId('member-romanized-input-le-van-hung') as HTMLInputElement;
    await fireEvent.input(input, { target: { value: 'Le Van Hung' } });
    await fireEvent.keyDown(input, { key: 'Enter' });
    await vi.waitFor(() => expect(onsave).toHaveBeenCalledTimes(1));
    await vi.waitFor(() => expect(input.getAttribute('aria-invalid')).toBe('true'));
    const still = screen.getByTestId('member-romanized-input-le-van-hung') as HTMLInputElement;
    expect(still.value, 'the typed text survives the refusal').toBe('Le Van Hung');
  });
});
