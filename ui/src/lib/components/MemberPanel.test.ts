import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
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
    const onsave = vi.fn(async () => true);
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
    const onsave = vi.fn(async () => false);
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
    const onsave = vi.fn(async () => false);
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
    const ondelete = vi.fn();
    render(MemberPanel, { records, guestLang: 'vi', onsave: vi.fn(), ondelete });
    await fireEvent.click(screen.getByTestId('member-delete-tran-thi-mai'));
    expect(ondelete, 'one click must not delete').not.toHaveBeenCalled();
    await fireEvent.click(screen.getByTestId('member-delete-tran-thi-mai-confirm'));
    expect(ondelete).toHaveBeenCalledWith('tran-thi-mai');
  });
});
