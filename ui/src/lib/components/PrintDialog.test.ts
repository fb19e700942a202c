import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Outcome } from '../backend';
import type { DelegationDetail } from '../bindings/DelegationDetail';
import type { PrintToFile } from '../bindings/PrintToFile';
import type { OperationProgress } from '../bindings/OperationProgress';
import type { PrintMemberCopies } from '../bindings/PrintMemberCopies';
import type { SavedFile } from '../bindings/SavedFile';
import { setupI18n, switchLocale } from '../i18n';
import PrintDialog from './PrintDialog.svelte';

const detail = JSON.parse(
  JSON.stringify({
    version: 2,
    delegation: {
      key: 'choray-2026-03',
      name: { ko: '초레이 병원 방문단', vi: 'Đoàn Bệnh viện Chợ Rẫy' },
      languages: ['vi'],
      timezone: 'Asia/Seoul',
      arrival: '2026-03-09T10:00:00+09:00',
      departure: '2026-03-13T16:00:00+09:00',
      status: 'confirmed',
    },
    members: [{ version: 1, member: { key: 'nguyen-truong-son', native_name: 'Nguyễn Trường Sơn', precedence: 1 } }],
  }),
) as DelegationDetail;

afterEach(() => cleanup());
beforeAll(() => {
  setupI18n();
  switchLocale('en');
});

function deferred() {
  let resolve: (o: Outcome<SavedFile>) => void = () => {};
  const promise = new Promise<Outcome<SavedFile>>((r) => (resolve = r));
  return { promise, resolve };
}

describe('the print dialog', () => {
  it('is a labelled modal that takes focus and closes on Escape', async () => {
    const onclose = vi.fn();
    render(PrintDialog, { detail, by: 'Itinera', print: vi.fn(), onclose });
    const dialog = screen.getByRole('dialog', { name: 'Print' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    // Invariant: keyboard users land inside the dialog, on its first control.
    expect(document.activeElement).toBe(screen.getByLabelText('Document'));
    await fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(onclose).toHaveBeenCalledTimes(1);
  });

  it('keeps Tab inside and gives focus back to the opener when closed', async () => {
    const opener = document.createElement('button');
    document.body.append(opener);
    opener.focus();
    const { unmount } = render(PrintDialog, { detail, by: 'Itinera', print: vi.fn(), onclose: vi.fn() });
    const dialog = screen.getByRole('dialog');
    screen.getByTestId('print-submit').focus();
    await fireEvent.keyDown(dialog, { key: 'Tab' });
    // Invariant: a modal never lets focus wander to the page behind it.
    expect(document.activeElement).toBe(screen.getByLabelText('Document'));
    unmount();
    expect(document.activeElement, 'focus returns to the Print… button').toBe(opener);
    opener.remove();
  });

  it('prints for one member, shows progress, then where it was saved', async () => {
    const pending = deferred();
    const print = vi.fn((_input: PrintToFile) => pending.promise);
    const onprinted = vi.fn();
    render(PrintDialog, { detail, by: 'Itinera', print, onclose: vi.fn(), onprinted });
    await fireEvent.change(screen.getByLabelText('For'), { target: { value: 'member:nguyen-truong-son' } });
    await fireEvent.change(screen.getByLabelText('Paper'), { target: { value: 'letter' } });
    await fireEvent.click(screen.getByTestId('print-submit'));
    const button = screen.getByTestId('print-submit') as HTMLButtonElement;
    // Invariant: no second print while the first runs.
    expect(button.disabled).toBe(true);
    expect(button.textContent?.trim()).toBe('Printing…');
    const sent = print.mock.calls[0]?.[0];
    expect(sent?.request.document).toEqual({ kind: 'guest', audience: { kind: 'member', key: 'nguyen-truong-son' } });
    expect(sent?.request.options).toMatchObject({ paper: 'letter', language: 'vi', with: 'ko' });
    expect(sent?.open).toBe(true);
    const release = { delegation: 'choray-2026-03', number: 3, audience: { kind: 'delegation' }, released_at: '2026-03-08T09:00:00+09:00', released_by: 'Itinera', item_count: 12 };
    pending.resolve({ ok: true, value: { path: '/home/kim/Documents/Itinera/choray v3.pdf', release } as SavedFile });
    await vi.waitFor(() => expect(screen.getByTestId('print-saved').textContent).toContain('(release v3)'));
    expect(screen.getByTestId('print-saved').textContent).toContain('/home/kim/Documents/Itinera/choray v3.pdf');
    expect(button.disabled, 'ready for another print').toBe(false);
    expect(onprinted).toHaveBeenCalledTimes(1);
  });

  it('shows a failure in the error banner and hides the audience for a staff sheet', async () => {
    const print = vi.fn(async (_input: PrintToFile): Promise<Outcome<SavedFile>> => ({ ok: false, error: { kind: 'io', message: 'disk full' } }));
    const onprinted = vi.fn();
    render(PrintDialog, { detail, by: 'Itinera', print, onclose: vi.fn(), onprinted });
    await fireEvent.change(screen.getByLabelText('Document'), { target: { value: 'staff' } });
    expect(screen.queryByLabelText('For'), 'a run sheet has no guest audience').toBeNull();
    await fireEvent.click(screen.getByTestId('print-submit'));
    await vi.waitFor(() => expect(screen.getByTestId('error-message').textContent).toBe('disk full'));
    expect(print.mock.calls[0]?.[0]?.request.document).toEqual({ kind: 'staff' });
    expect(screen.queryByTestId('print-saved')).toBeNull();
    expect(onprinted, 'a failed print records nothing').not.toHaveBeenCalled();
  });

  it('offers the changes since the audience’s last copy only for an audience that has one, and records who prints', async () => {
    const print = vi.fn(async (_: PrintToFile): Promise<Outcome<SavedFile>> => ({ ok: true, value: { path: '/tmp/x v3.pdf' } }));
    const releases = [
      { delegation: 'choray-2026-03', number: 1, audience: { kind: 'delegation' as const }, released_at: '2026-03-01T10:00:00+09:00', released_by: '이지은', item_count: 9 },
      { delegation: 'choray-2026-03', number: 2, audience: { kind: 'member' as const, key: 'nguyen-truong-son' }, released_at: '2026-03-02T10:00:00+09:00', released_by: '김민지', item_count: 7 },
    ];
    render(PrintDialog, { detail, by: '박서준', releases, print, onclose: vi.fn() });
    const box = screen.getByTestId('print-changes') as HTMLInputElement;
    expect(box.disabled, 'the whole delegation got v1').toBe(false);
    expect(screen.getByTestId('print-changes-hint').textContent).toContain('v1');
    await fireEvent.change(screen.getByTestId('print-audience'), { target: { value: 'member:nguyen-truong-son' } });
    // Invariant: the box compares with the copy this member holds (v2), not the delegation's v1.
    expect(screen.getByTestId('print-changes-hint').textContent).toContain('v2');
    await fireEvent.click(box);
    await fireEvent.click(screen.getByTestId('print-submit'));
    expect(print).toHaveBeenCalledTimes(1);
    const sent = print.mock.calls[0]?.[0];
    expect(sent?.request.by, 'the configured name is recorded, not a placeholder').toBe('박서준');
    expect(sent?.request.document).toEqual({
      kind: 'guest',
      audience: { kind: 'member', key: 'nguyen-truong-son' },
      changes_since: { kind: 'last_of_audience' },
    });
  });

  it('disables the changes box with a hint when the audience never got a copy', () => {
    render(PrintDialog, { detail, by: 'x', releases: [], print: vi.fn(), onclose: vi.fn() });
    expect((screen.getByTestId('print-changes') as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByTestId('print-changes-hint').textContent).toContain('nothing to compare');
  });
});

/** The "each member" backend calls, with a run the test finishes and events it sends. */
function fakeCopies() {
  let listener: ((p: OperationProgress) => void) | null = null;
  let finish: (o: Outcome<SavedFile[]>) => void = () => {};
  const api = {
    printMemberCopies: vi.fn((_: PrintMemberCopies) => new Promise<Outcome<SavedFile[]>>((r) => (finish = r))),
    cancelOperation: vi.fn(async () => ({ ok: true as const, value: null })),
    onProgress: vi.fn(async (handler: (p: OperationProgress) => void) => {
      listener = handler;
      return () => (listener = null);
    }),
    operationId: () => 'run-1',
  };
  return { api, emit: (p: OperationProgress) => listener?.(p), finish: (o: Outcome<SavedFile[]>) => finish(o), listening: () => listener !== null };
}

describe('printing a copy for each member', () => {
  it('shows the progress of the run and saves every copy', async () => {
    const copies = fakeCopies();
    const onprinted = vi.fn();
    render(PrintDialog, { detail, by: '박서준', print: vi.fn(), copies: copies.api, onclose: vi.fn(), onprinted });
    await fireEvent.change(screen.getByTestId('print-audience'), { target: { value: 'each_member' } });
    expect((screen.getByTestId('print-changes') as HTMLInputElement).disabled, 'no changes box for a run of copies').toBe(true);
    await fireEvent.submit(screen.getByTestId('print-submit').closest('form')!);
    await vi.waitFor(() => expect(copies.api.printMemberCopies).toHaveBeenCalledTimes(1));
    const sent = copies.api.printMemberCopies.mock.calls[0]![0];
    expect(sent).toMatchObject({ delegation: 'choray-2026-03', by: '박서준', operation: 'run-1' });
    expect(sent.options.language).toBe('vi');

    copies.emit({ operation: 'run-1', done: 3, total: 12 });
    await vi.waitFor(() => expect(screen.getByTestId('print-progress-text').textContent).toContain('3 of 12'));
    copies.finish({ ok: true, value: [{ path: '/docs/Itinera/choray-2026-03 guest itinerary nguyen-truong-son v1.pdf' }] });
    await vi.waitFor(() => expect(screen.getByTestId('print-saved-many').textContent).toContain('Saved 1 copies'));
    expect(onprinted).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId('print-progress'), 'the bar goes once the run ends').toBeNull();
    expect(copies.listening(), 'the dialog stops listening to progress').toBe(false);
  });

  it('cancels the run, and closing while it runs cancels it instead of leaving it behind', async () => {
    const copies = fakeCopies();
    const onclose = vi.fn();
    const onprinted = vi.fn();
    render(PrintDialog, { detail, by: 'x', print: vi.fn(), copies: copies.api, onclose, onprinted });
    await fireEvent.change(screen.getByTestId('print-audience'), { target: { value: 'each_member' } });
    await fireEvent.submit(screen.getByTestId('print-submit').closest('form')!);
    await vi.waitFor(() => expect(screen.getByTestId('print-progress')).toBeTruthy());

    await fireEvent.click(screen.getByTestId('print-close'));
    // Invariant: a run is never left printing (and recording releases) behind a closed dialog.
    expect(copies.api.cancelOperation).toHaveBeenCalledWith({ id: 'run-1' });
    expect(onclose).not.toHaveBeenCalled();
    expect((screen.getByTestId('print-cancel-run') as HTMLButtonElement).disabled, 'one cancel is enough').toBe(true);

    copies.finish({ ok: false, error: { kind: 'cancelled', message: 'printing the member copies was cancelled; nothing was saved' } });
    await vi.waitFor(() => expect(screen.getByTestId('print-cancelled').textContent).toContain('no file was saved'));
    expect(onprinted, 'nothing was printed').not.toHaveBeenCalled();
    expect(screen.queryByRole('alert'), 'a cancel is not an error').toBeNull();
  });
});
