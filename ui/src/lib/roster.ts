/**
 * The member import dialog's logic, pure: the fields a column can be mapped to, keeping
 * each field on one column, remembering the last mapping per header row (in this
 * workstation's localStorage), and telling spreadsheet rows from ordinary pasted text.
 * Reading files, guessing mappings and checking rows happen in Rust (`itinera::roster`).
 */
import type { Outcome } from './backend';
import type { GuessedTable } from './bindings/GuessedTable';
import type { ImportMembers } from './bindings/ImportMembers';
import type { ImportMembersRun } from './bindings/ImportMembersRun';
import type { ImportMode } from './bindings/ImportMode';
import type { ImportOutcome } from './bindings/ImportOutcome';
import type { ImportPreview } from './bindings/ImportPreview';
import type { MemberField } from './bindings/MemberField';
import type { OperationProgress } from './bindings/OperationProgress';

/** The backend calls the dialog makes (`backend.ts` provides them; tests pass fakes). */
export interface MemberImporter {
  readMemberFile: (input: { name: string; bytes: number[]; sheet?: string }) => Promise<Outcome<GuessedTable>>;
  parseMemberPaste: (input: { text: string }) => Promise<Outcome<GuessedTable>>;
  previewMemberImport: (input: ImportMembers) => Promise<Outcome<ImportPreview>>;
  /** Imports with progress events under `operation`; a cancelled import stores nothing. */
  importMembersRun: (input: ImportMembersRun) => Promise<Outcome<ImportOutcome>>;
  /** Asks the running import to stop (it then fails with the `cancelled` kind). */
  cancelOperation: (input: { id: string }) => Promise<Outcome<null>>;
  /** Listens to progress events; resolves to the function that stops listening. */
  onProgress: (handler: (p: OperationProgress) => void) => Promise<() => void>;
}

/** Which field each column is read into (null: ignored), one entry per column. */
export type ColumnMapping = (MemberField | null)[];

/** Every field, in the order the mapping menus list them. */
export const FIELDS: readonly MemberField[] = [
  'native_name',
  'romanized_name',
  'title',
  'title_ko',
  'title_en',
  'precedence',
  'dietary',
  'accessibility',
  'languages',
  'email',
  'phone',
  'notes',
];

/** localStorage prefix of remembered mappings; the rest of the key is the header row. */
export const MAPPING_PREFIX = 'itinera.memberMapping:';

/** The storage key of a header row: titles folded so "E-mail " and "e-mail" share one. */
export function mappingKey(headers: readonly string[]): string {
  return MAPPING_PREFIX + headers.map((h) => h.normalize('NFC').trim().toLowerCase()).join('\u001f');
}

/** Sets `column` to `field`, taking the field away from any other column (one column per field). */
export function assignField(mapping: ColumnMapping, column: number, field: MemberField | null): ColumnMapping {
  return mapping.map((f, i) => (i === column ? field : f === field && field !== null ? null : f));
}

/** Whether a column carries the name: without one nothing can be previewed. */
export function hasNameColumn(mapping: ColumnMapping): boolean {
  return mapping.includes('native_name');
}

/** The mapping last used for this header row, if one was stored and still fits it. */
export function recallMapping(storage: Pick<Storage, 'getItem'>, headers: readonly string[]): ColumnMapping | null {
  let stored: unknown;
  try {
    stored = JSON.parse(storage.getItem(mappingKey(headers)) ?? 'null');
  } catch {
    return null;
  }
  if (!Array.isArray(stored) || stored.length !== headers.length) return null;
  const fits = stored.every((f) => f === null || FIELDS.includes(f as MemberField));
  return fits ? (stored as ColumnMapping) : null;
}

/** Keeps the mapping of an import for the next file with the same header row. */
export function rememberMapping(storage: Pick<Storage, 'setItem'>, headers: readonly string[], mapping: ColumnMapping): void {
  try {
    storage.setItem(mappingKey(headers), JSON.stringify(mapping));
  } catch {
    // A full or disabled storage only loses the convenience, never the import.
  }
}

/** The mapping the dialog starts with: the remembered one for these headers, else the guess. */
export function startingMapping(storage: Pick<Storage, 'getItem'>, guessed: GuessedTable): ColumnMapping {
  return (guessed.table.has_header ? recallMapping(storage, guessed.table.headers) : null) ?? guessed.mapping;
}

/**
 * Whether pasted text is spreadsheet rows (opens the import dialog) rather than text for a
 * field: cells separated by tabs, or several non-empty lines.
 */
export function looksLikeRows(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  return text.includes('\t') || lines.length > 1;
}

/** How many members the confirm button would import in `mode`. */
export function importCount(preview: ImportPreview, mode: ImportMode): number {
  return mode === 'all_or_nothing' && preview.invalid > 0 ? 0 : preview.valid;
}

/** A file's bytes as the command takes them. */
export async function fileBytes(file: Blob): Promise<number[]> {
  return Array.from(new Uint8Array(await file.arrayBuffer()));
}
