/**
 * The only module that talks to the Rust side. Every command returns a typed
 * {@link Outcome}: the value, or a {@link UiError} with a kind to branch on and a message to
 * show. Nothing here throws, so UI handlers never need try/catch around a backend call.
 *
 * Argument and result types are generated from Rust (ts-rs, `ui/src/lib/bindings/`); each
 * command takes at most one input struct, sent as `{ input }`.
 */
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type { AcknowledgeInput } from './bindings/AcknowledgeInput';
import type { AcknowledgedConflict } from './bindings/AcknowledgedConflict';
import type { StoreChange } from './bindings/StoreChange';
import type { CheckInput } from './bindings/CheckInput';
import type { Conflict } from './bindings/Conflict';
import type { DelegationDetail } from './bindings/DelegationDetail';
import type { DelegationSummary } from './bindings/DelegationSummary';
import type { DeleteMember } from './bindings/DeleteMember';
import type { DirectoryListing } from './bindings/DirectoryListing';
import type { ErrorKind } from './bindings/ErrorKind';
import type { ImportSummary } from './bindings/ImportSummary';
import type { ItemRecord } from './bindings/ItemRecord';
import type { KeyInput } from './bindings/KeyInput';
import type { OfficeRecord } from './bindings/OfficeRecord';
import type { PrintToFile } from './bindings/PrintToFile';
import type { ReleaseInfo } from './bindings/ReleaseInfo';
import type { SaveDelegation } from './bindings/SaveDelegation';
import type { SaveItem } from './bindings/SaveItem';
import type { SaveMember } from './bindings/SaveMember';
import type { SaveOfficeSettings } from './bindings/SaveOfficeSettings';
import type { SavedFile } from './bindings/SavedFile';
import type { SavedItem } from './bindings/SavedItem';
import type { StoreInfo } from './bindings/StoreInfo';
import type { UiError } from './bindings/UiError';
import type { WorkstationUser } from './bindings/WorkstationUser';

/** A command's result: the value, or the error the backend reported. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: UiError };

const KINDS: readonly ErrorKind[] = [
  'invalid',
  'not_found',
  'duplicate',
  'conflict',
  'stale',
  'in_use',
  'locked',
  'storage',
  'io',
];

function isUiError(e: unknown): e is UiError {
  if (typeof e !== 'object' || e === null) return false;
  const { kind, message } = e as Record<string, unknown>;
  return typeof message === 'string' && KINDS.some((k) => k === kind);
}

/**
 * Whatever a failed `invoke` rejected with, as a UiError. The Rust commands reject with a
 * UiError. Tauri itself rejects with a string when the input does not deserialize (e.g. a
 * key with spaces): that is `invalid`, with Tauri's explanation. Anything else (the IPC
 * failing, a command missing) is `io`: the UI could not reach its backend.
 */
export function toUiError(e: unknown): UiError {
  if (isUiError(e)) return { kind: e.kind, message: e.message };
  const message = e instanceof Error ? e.message : typeof e === 'string' ? e : JSON.stringify(e);
  const badInput = /^invalid args `\w+` for command `\w+`: (.*)$/s.exec(message);
  if (badInput) return { kind: 'invalid', message: badInput[1] ?? message };
  return { kind: 'io', message: `the app could not reach its backend: ${message}` };
}

async function call<T>(command: string, input?: unknown): Promise<Outcome<T>> {
  try {
    const value = await invoke<T>(command, input === undefined ? {} : { input });
    return { ok: true, value };
  } catch (e) {
    return { ok: false, error: toUiError(e) };
  }
}

/** The app event the shell sends for every change any workstation commits (shared database). */
export const CHANGED_EVENT = 'itinera://changed';

/**
 * Calls `handler` for every change committed to a shared (PostgreSQL) database, by this or
 * another workstation; returns the function that stops listening. A SQLite file has no
 * other writer, so nothing arrives there. Outside the app (unit tests) nothing is heard.
 */
export async function onChange(handler: (change: StoreChange) => void): Promise<() => void> {
  try {
    return await listen<StoreChange>(CHANGED_EVENT, (event) => handler(event.payload));
  } catch {
    return () => {};
  }
}

/** The database file, schema version and counts. */
export const appInfo = () => call<StoreInfo>('app_info');
/** Every delegation, for the list. */
export const listDelegations = () => call<DelegationSummary[]>('list_delegations');
/** One delegation with its members. */
export const getDelegation = (input: KeyInput) => call<DelegationDetail>('get_delegation', input);
/** Creates (no `expected_version`) or updates a delegation; returns it as stored. */
export const saveDelegation = (input: SaveDelegation) => call<DelegationDetail>('save_delegation', input);
/** Deletes a delegation with its members and items. */
export const deleteDelegation = (input: KeyInput) => call<null>('delete_delegation', input);
/** Adds or updates a member; returns the delegation as stored. */
export const saveMember = (input: SaveMember) => call<DelegationDetail>('save_member', input);
/** Removes a member; returns the delegation as stored. */
export const deleteMember = (input: DeleteMember) => call<DelegationDetail>('delete_member', input);
/** Loads the sample visits into an empty database. */
export const loadSamplePlan = () => call<ImportSummary>('load_sample_plan');
/** Prints a document, saves it (default folder unless `folder`) and opens it if asked. */
export const printDocument = (input: PrintToFile) => call<SavedFile>('print_document', input);
/** The conflicts involving one delegation (or all), blocking first. */
export const checkConflicts = (input: CheckInput) => call<Conflict[]>('check_conflicts', input);
/** The recorded guest releases of a delegation. */
export const listReleases = (input: KeyInput) => call<ReleaseInfo[]>('list_releases', input);
/** The office settings (institution name, logo) with the version a save must quote. */
export const getOfficeSettings = () => call<OfficeRecord>('get_office_settings');
/** Saves the office settings; a logo that is not a PNG of at most 2 MB is refused. */
export const saveOfficeSettings = (input: SaveOfficeSettings) => call<OfficeRecord>('save_office_settings', input);
/** The OS login name at this workstation (the default for "Your name"). */
export const workstationUser = () => call<WorkstationUser>('workstation_user');
/** The items of a delegation, with versions. */
export const listItems = (input: KeyInput) => call<ItemRecord[]>('list_items', input);
/** Creates (no `expected_version`) or updates an item; a confirmed item with a blocking conflict is refused (`conflict`). */
export const saveItem = (input: SaveItem) => call<SavedItem>('save_item', input);
/** Deletes an item. */
export const deleteItem = (input: KeyInput) => call<null>('delete_item', input);
/** Accepts a warning with a reason and who accepts it. */
export const acknowledgeConflict = (input: AcknowledgeInput) => call<AcknowledgedConflict>('acknowledge_conflict', input);
/** The shared directory: sites, venues, hosts, interpreters. */
export const listDirectory = () => call<DirectoryListing>('list_directory');
