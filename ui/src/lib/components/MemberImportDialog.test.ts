import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DelegationDetail } from '../bindings/DelegationDetail';
import type { GuessedTable } from '../bindings/GuessedTable';
import type { Outcome } from '../backend';
import type { ImportMembersRun } from '../bindings/ImportMembersRun';
import type { ImportOutcome } from '../bindings/ImportOutcome';
import type { OperationProgress } from '../bindings/OperationProgress';
import type { ImportPreview } from '../bindings/ImportPreview';
import { setupI18n, switchLocale } from '../i18n';
import type { MemberImporter } from '../roster';
import MemberImportDialog from './MemberImportDialog.svelte';

afterEach(() => cleanup());
beforeAll(() => {
  setupI18n();
  switchLocale('en');
});

const table: GuessedTable = {
  table: {
    headers: ['Họ và tên', 'Email'],
    has_header: true,
    rows: [
      { line: 2, cells: ['Nguyễn Trường Sơn', 'son@choray.vn'] },
      { line: 3, cells: ['Trần Thị Mai', 'mai at choray'] },
    ],
    encoding: 'pasted',
    sheets: [],
  },
  mapping: ['native_name', 'email'],
};

const preview: ImportPreview = {
  valid: 1,
  invalid: 1,
  rows: [
    { line: 2, member: { key: 'd-nguyen-truong-son', native_name: 'Nguyễn Trường Sơn', precedence: 1 }, problems: [] },
    {
      line: 3,
      member: { key: 'd-tran-thi-mai', native_name: 'Trần Thị Mai', precedence: 2 },
      problems: [{ column: 'Email', field: 'email', message: "'mai at choray' is not an e-mail address" }],
    },
  ],
};

type Fake = MemberImporter & {
  importMembersRun: ReturnType<typeof vi.fn>;
  cancelOperation: ReturnType<typeof vi.fn>;
  /** Sends a progress event to the dialog's listener, as the shell does. */
  emit: (p: OperationProgress) => void;
};

function fakeImporter(): Fake {
  let listener: ((p: OperationProgress) => void) | null = null;
  return {
    readMemberFile: vi.fn(async () => ({ ok: true as const, value: table })),
    parseMemberPaste: vi.fn(async () => ({ ok: true as const, value: table })),
    previewMemberImport: vi.fn(async () => ({ ok: true as const, value: preview })),
    importMembersRun: vi.fn(async (input: ImportMembersRun) => ({
      ok: true as const,
      value: {
        imported: ['d-nguyen-truong-son'],
        skipped: input.import.mode === 'valid_rows' ? 1 : 0,
        detail: { delegation: {}, members: [{ member: preview.rows[0]!.member, version: 1 }] } as unknown as DelegationDetail,
      },
    })),
    cancelOperation: vi.fn(async () => ({ ok: true as const, value: null })),
    onProgress: vi.fn(async (handler: (p: OperationProgress) => void) => {
      listener = handler;
      return () => {
        listener = null;
      };
    }),
    emit: (p) => listener?.(p),
  };
}

describe('the member import dialog', () => {
  it('opens pasted rows at the mapping step, shows row problems and imports only on confirm', async () => {
    const importer = fakeImporter();
    const onimported = vi.fn();
    render(MemberImportDialog, { delegation: 'd', importer, pasted: 'x\ty', onclose: vi.fn(), onimported });
    await waitFor(() => expect(screen.getByTestId('import-row-3')).toBeTruthy());
    expect(screen.getByTestId('import-row-3').textContent).toContain("'mai at choray' is not an e-mail address");
    const submit = screen.getByTestId('import-submit') as HTMLButtonElement;
    // Invariant: with a bad row and all-or-nothing, nothing can be imported.
    expect(submit.disabled).toBe(true);
    expect(importer.importMembersRun).not.toHaveBeenCalled();

    await fireEvent.click(screen.getByTestId('import-mode-valid'));
    expect(submit.textContent).toContain('Import 1 members');
    await fireEvent.click(submit);
    await waitFor(() => expect(onimported).toHaveBeenCalledWith(expect.anything(), ['d-nguyen-truong-son']));
    const sent = importer.importMembersRun.mock.calls[0]?.[0] as ImportMembersRun;
    expect(sent.import.mode).toBe('valid_rows');
    expect(sent.import.mapping).toEqual(['native_name', 'email']);
    expect(sent.operation, 'the run has an id for progress and cancel').not.toBe('');
  });

  it('previews nothing until a column holds the names', async () => {
    const importer = fakeImporter();
    render(MemberImportDialog, { delegation: 'd', importer, pasted: 'x\ty', onclose: vi.fn(), onimported: vi.fn() });
    await waitFor(() => expect(screen.getByTestId('import-preview')).toBeTruthy());
    await fireEvent.change(screen.getByTestId('import-map-0'), { target: { value: '' } });
    await waitFor(() => expect(screen.queryByTestId('import-preview')).toBeNull());
    expect(screen.getByRole('alert').textContent).toContain('Choose the column that holds the names');
  });
});

describe('a long import', () => {
  it('shows progress and cancels through the backend, keeping the dialog open until it answers', async () => {
    const importer = fakeImporter();
    let finish: (value: Outcome<ImportOutcome>) => void = () => {};
    importer.importMembersRun = vi.fn(
      () =>
        new Promise<Outcome<ImportOutcome>>((resolve) => {
          finish = resolve;
        }),
    );
    const onimported = vi.fn();
    const onclose = vi.fn();
    render(MemberImportDialog, { delegation: 'd', importer, pasted: 'x\ty', onclose, onimported });
    await waitFor(() => expect(screen.getByTestId('import-row-3')).toBeTruthy());
    await fireEvent.click(screen.getByTestId('import-mode-valid'));
    await fireEvent.click(screen.getByTestId('import-submit'));
    await waitFor(() => expect(importer.importMembersRun).toHaveBeenCalledTimes(1));
    const id = (importer.importMembersRun.mock.calls[0]?.[0] as ImportMembersRun).operation;

    importer.emit({ operation: 'another-run', done: 9, total: 9 });
    importer.emit({ operation: id, done: 40, total: 120 });
    await waitFor(() => expect(screen.getByTestId('import-progress-text').textContent).toContain('40 of 120'));
    const bar = screen.getByTestId('import-progress').querySelector('progress') as HTMLProgressElement;
    // Invariant: the bar follows this run's events only.
    expect(bar.value).toBe(40);
    expect(bar.max).toBe(120);

    await fireEvent.click(screen.getByTestId('import-cancel'));
    expect(importer.cancelOperation).toHaveBeenCalledWith({ id });
    expect(onclose, 'the dialog waits for the backend to confirm the cancel').not.toHaveBeenCalled();
    finish({ ok: false, error: { kind: 'cancelled', message: 'the import was cancelled; nothing was saved' } });
    await waitFor(() => expect(screen.getByTestId('import-cancelled')).toBeTruthy());
    expect(onimported, 'a cancelled import reports no members').not.toHaveBeenCalled();
    expect(screen.queryByRole('alert'), 'a cancel is not shown as an error').toBeNull();
    expect(screen.queryByTestId('import-progress')).toBeNull();
  });
});

describe('importing from the member panel', () => {
  it('opens the dialog at the mapping step when rows are pasted, and undoes the import in one step', async () => {
    const { default: MemberPanel } = await import('./MemberPanel.svelte');
    const importer = fakeImporter();
    const history = {
      saveMember: vi.fn(),
      deleteMembers: vi.fn(async () => ({
        ok: true as const,
        value: { detail: { delegation: {}, members: [] } as unknown as DelegationDetail, memberships: [] },
      })),
      addMembers: vi.fn(),
    };
    const onimported = vi.fn();
    const onchanged = vi.fn();
    render(MemberPanel, { records: [], guestLang: 'vi', onsave: vi.fn(), ondelete: vi.fn(), delegation: 'd', importer, onimported, history, onchanged });
    const panel = screen.getByTestId('member-panel');

    await fireEvent.paste(panel, { clipboardData: { getData: () => 'Nguyễn Trường Sơn' } });
    // Invariant: one line of plain text is not a roster; it must not hijack the paste.
    expect(screen.queryByTestId('import-dialog')).toBeNull();

    const rows = 'Họ và tên\tEmail\nNguyễn Trường Sơn\tson@choray.vn\n';
    await fireEvent.paste(panel, { clipboardData: { getData: () => rows } });
    await waitFor(() => expect(screen.getByTestId('import-row-2')).toBeTruthy());
    expect(importer.parseMemberPaste).toHaveBeenCalledWith({ text: rows });

    await fireEvent.click(screen.getByTestId('import-mode-valid'));
    await fireEvent.click(screen.getByTestId('import-submit'));
    await waitFor(() => expect(screen.queryByTestId('import-dialog')).toBeNull());
    await fireEvent.keyDown(panel, { key: 'z', ctrlKey: true });
    await waitFor(() => expect(history.deleteMembers).toHaveBeenCalledWith({ delegation: 'd', members: ['d-nguyen-truong-son'] }));
    expect(history.deleteMembers, 'an import is undone in one call, not member by member').toHaveBeenCalledTimes(1);
    await waitFor(() => expect(onchanged).toHaveBeenCalledTimes(1));
    expect((screen.getByTestId('member-undo') as HTMLButtonElement).disabled, 'an undone import cannot be undone twice').toBe(true);
  });
});
