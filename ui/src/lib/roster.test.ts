import { describe, expect, it } from 'vitest';
import type { GuessedTable } from './bindings/GuessedTable';
import type { ImportPreview } from './bindings/ImportPreview';
import {
  assignField,
  hasNameColumn,
  importCount,
  looksLikeRows,
  mappingKey,
  recallMapping,
  rememberMapping,
  startingMapping,
  type ColumnMapping,
} from './roster';

/** A Map-backed Storage stand-in (what localStorage offers the module). */
function memory(): Storage {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    clear: () => m.clear(),
    key: (i: number) => [...m.keys()][i] ?? null,
    get length() {
      return m.size;
    },
  };
}

const guessed = (headers: string[], mapping: ColumnMapping, has_header = true): GuessedTable => ({
  table: { headers, has_header, rows: [{ line: 2, cells: headers.map(() => 'x') }], encoding: 'spreadsheet', sheet: 'Members', sheets: ['Members'] },
  mapping,
});

describe('the column mapping', () => {
  it('keeps each field on one column', () => {
    // Invariant: two columns never feed the same field (the second would silently win).
    const m = assignField(['native_name', 'email', null], 2, 'native_name');
    expect(m).toEqual([null, 'email', 'native_name']);
    expect(assignField(m, 1, null)).toEqual([null, null, 'native_name']);
  });

  it('needs a name column before anything can be previewed', () => {
    expect(hasNameColumn([null, 'email'])).toBe(false);
    expect(hasNameColumn(['native_name'])).toBe(true);
  });

  it('remembers the last mapping per header row and prefers it over the guess', () => {
    const storage = memory();
    const headers = ['성명', 'E-mail ', '비고'];
    rememberMapping(storage, headers, ['native_name', 'email', 'dietary']);
    // Invariant: the same sheet layout next time opens with the scheduler's own choice.
    expect(startingMapping(storage, guessed(['성명', 'e-mail', '비고'], ['native_name', 'email', 'notes']))).toEqual(['native_name', 'email', 'dietary']);
    expect(startingMapping(storage, guessed(['Name', 'Email'], ['native_name', 'email']))).toEqual(['native_name', 'email']);
  });

  it('ignores a remembered mapping that no longer fits', () => {
    const storage = memory();
    storage.setItem(mappingKey(['A', 'B']), JSON.stringify(['native_name', 'shoe_size']));
    expect(recallMapping(storage, ['A', 'B']), 'an unknown field is not trusted').toBeNull();
    storage.setItem(mappingKey(['A']), '{not json');
    expect(recallMapping(storage, ['A'])).toBeNull();
  });

  it('does not apply a remembered mapping to headerless pasted rows', () => {
    const storage = memory();
    rememberMapping(storage, ['A', 'B'], ['email', 'native_name']);
    expect(startingMapping(storage, guessed(['A', 'B'], ['native_name', null], false))).toEqual(['native_name', null]);
  });
});

describe('pasting and importing', () => {
  it('tells spreadsheet rows from text meant for a field', () => {
    expect(looksLikeRows('Nguyễn Trường Sơn\tGiám đốc')).toBe(true);
    expect(looksLikeRows('李明\nХакимов Бегали\n')).toBe(true);
    expect(looksLikeRows('Nguyễn Trường Sơn')).toBe(false);
    expect(looksLikeRows('Nguyễn Trường Sơn\n')).toBe(false);
  });

  it('counts what the confirm button imports', () => {
    const preview = { rows: [], valid: 5, invalid: 1 } as ImportPreview;
    // Invariant: all-or-nothing with a bad row imports nothing, so the button says 0.
    expect(importCount(preview, 'all_or_nothing')).toBe(0);
    expect(importCount(preview, 'valid_rows')).toBe(5);
    expect(importCount({ rows: [], valid: 6, invalid: 0 }, 'all_or_nothing')).toBe(6);
  });
});
