import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DelegationDetail } from '../bindings/DelegationDetail';
import type { GuessedTable } from '../bindings/GuessedTable';
import type { ImportMembers } from '../bindings/ImportMembers';
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

function fakeImporter(): MemberImporter & { importMembers: ReturnType<typeof vi.fn> } {
  return {
    readMemberFile: vi.fn(async () => ({ ok: true as const, value: table })),
    parseMemberPaste: vi.fn(async () => ({ ok: true as const, value: table })),
    previewMemberImport: vi.fn(async () => ({ ok: true as const, value: preview })),
    importMembers: vi.fn(async (input: ImportMembers) => ({
      ok: true as const,
      value: { imported: ['d-nguyen-truong-son'], skipped: input.mode === 'valid_rows' ? 1 : 0, detail: {} as DelegationDetail },
    })),
    deleteMember: vi.fn(),
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
    expect(importer.importMembers).not.toHaveBeenCalled();

    await fireEvent.click(screen.getByTestId('import-mode-valid'));
    expect(submit.textContent).toContain('Import 1 members');
    await fireEvent.click(submit);
    await waitFor(() => expect(onimported).toHaveBeenCalledWith({}, ['d-nguyen-truong-son']));
    const sent = importer.importMembers.mock.calls[0]?.[0] as ImportMembers;
    expect(sent.mode).toBe('valid_rows');
    expect(sent.mapping).toEqual(['native_name', 'email']);
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

describe('importing from the member panel', () => {
  it('opens the dialog at the mapping step when rows are pasted, and undoes an import', async () => {
    const { default: MemberPanel } = await import('./MemberPanel.svelte');
    const importer = fakeImporter();
    importer.deleteMember = vi.fn(async () => ({ ok: true as const, value: {} as DelegationDetail }));
    const onimported = vi.fn();
    render(MemberPanel, { records: [], guestLang: 'vi', onsave: vi.fn(), ondelete: vi.fn(), delegation: 'd', importer, onimported });
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
    await waitFor(() => expect(importer.deleteMember).toHaveBeenCalledWith({ delegation: 'd', member: 'd-nguyen-truong-son' }));
    expect(screen.queryByTestId('undo-import'), 'an undone import cannot be undone twice').toBeNull();
  });
});
