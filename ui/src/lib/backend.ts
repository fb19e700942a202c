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
import { get } from 'svelte/store';
import { _ } from 'svelte-i18n';
import { span } from './perf';
import type { AcknowledgeInput } from './bindings/AcknowledgeInput';
import type { AcknowledgedConflict } from './bindings/AcknowledgedConflict';
import type { StoreChange } from './bindings/StoreChange';
import type { CheckInput } from './bindings/CheckInput';
import type { Conflict } from './bindings/Conflict';
import type { DelegationDetail } from './bindings/DelegationDetail';
import type { ConnectionReport } from './bindings/ConnectionReport';
import type { DatabaseChoice } from './bindings/DatabaseChoice';
import type { DatabaseSettings } from './bindings/DatabaseSettings';
import type { SwitchOutcome } from './bindings/SwitchOutcome';
import type { DelegationSummary } from './bindings/DelegationSummary';
import type { DirectoryListing } from './bindings/DirectoryListing';
import type { DeleteDirectoryEntry } from './bindings/DeleteDirectoryEntry';
import type { DirectoryRecord } from './bindings/DirectoryRecord';
import type { DirectorySettings } from './bindings/DirectorySettings';
import type { SaveDirectoryEntry } from './bindings/SaveDirectoryEntry';
import type { SetTravelTime } from './bindings/SetTravelTime';
import type { ErrorKind } from './bindings/ErrorKind';
import type { ImportSummary } from './bindings/ImportSummary';
import type { GuessedTable } from './bindings/GuessedTable';
import type { ImportMembers } from './bindings/ImportMembers';
import type { ImportOutcome } from './bindings/ImportOutcome';
import type { ImportPreview } from './bindings/ImportPreview';
import type { ItemRecord } from './bindings/ItemRecord';
import type { MessageLanguage } from './bindings/MessageLanguage';
import type { KeyInput } from './bindings/KeyInput';
import type { OfficeRecord } from './bindings/OfficeRecord';
import type { PrintToFile } from './bindings/PrintToFile';
import type { ReleaseInfo } from './bindings/ReleaseInfo';
import type { RepeatVisit } from './bindings/RepeatVisit';
import type { SaveDelegation } from './bindings/SaveDelegation';
import type { SaveItem } from './bindings/SaveItem';
import type { SaveMember } from './bindings/SaveMember';
import type { ReorderMembers } from './bindings/ReorderMembers';
import type { SaveOfficeSettings } from './bindings/SaveOfficeSettings';
import type { SavedFile } from './bindings/SavedFile';
import type { SavedItem } from './bindings/SavedItem';
import type { StoreInfo } from './bindings/StoreInfo';
import type { UiError } from './bindings/UiError';
import type { WorkstationUser } from './bindings/WorkstationUser';
import type { AcceptProposal } from './bindings/AcceptProposal';
import type { FirstProposal } from './bindings/FirstProposal';
import type { Outcome as ScheduleOutcome } from './bindings/Outcome';
import type { ProposeProgramme } from './bindings/ProposeProgramme';
import type { RequestRecord } from './bindings/RequestRecord';
import type { SaveRequest } from './bindings/SaveRequest';
import type { StopProposal } from './bindings/StopProposal';
import type { MoveBooking } from './bindings/MoveBooking';
import type { MovedBooking } from './bindings/MovedBooking';
import type { ResourceTimeline } from './bindings/ResourceTimeline';
import type { TimelineQuery } from './bindings/TimelineQuery';
import type { AddMembers } from './bindings/AddMembers';
import type { CancelOperation } from './bindings/CancelOperation';
import type { DeleteMembers } from './bindings/DeleteMembers';
import type { MembersRemoved } from './bindings/MembersRemoved';
import type { ImportMembersRun } from './bindings/ImportMembersRun';
import type { OperationProgress } from './bindings/OperationProgress';
import type { PrintMemberCopies } from './bindings/PrintMemberCopies';

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
  'cancelled',
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
  if (isUiError(e)) {
    return typeof e.field === 'string' ? { kind: e.kind, message: e.message, field: e.field } : { kind: e.kind, message: e.message };
  }
  const message = e instanceof Error ? e.message : typeof e === 'string' ? e : JSON.stringify(e);
  const badInput = /^invalid args `\w+` for command `\w+`: (.*)$/s.exec(message);
  if (badInput) return { kind: 'invalid', message: badInput[1] ?? message };
  return { kind: 'io', message: unreachable(message) };
}

/** "The app could not reach its backend", in the window's language (English before the
 * catalogues are loaded, as in unit tests). */
function unreachable(detail: string): string {
  try {
    return get(_)('error.noBackend', { values: { detail } });
  } catch {
    return `the app could not reach its backend: ${detail}`;
  }
}

/**
 * Commands that only read. Tauri runs commands concurrently, so a read sent right after a
 * write (Enter in a cell, then a tab switch that reloads) could be answered from before the
 * write; a read therefore waits until every write sent before it has answered, and so does
 * a write.
 */
const READS: ReadonlySet<string> = new Set([
  'app_info',
  'list_delegations',
  'get_delegation',
  'read_member_file',
  'parse_member_paste',
  'preview_member_import',
  'check_conflicts',
  'list_releases',
  'get_office_settings',
  'database_settings',
  'test_database_connection',
  'workstation_user',
  'list_items',
  'list_directory',
  'list_requests',
  'propose_programme',
  'resource_timeline',
]);

/**
 * Commands outside that ordering: stopping a running operation must reach the backend at
 * once, and the long operations with their own progress (a roster import, a copy per member)
 * must not hold every read behind them; the window reloads when they end.
 */
const UNORDERED: ReadonlySet<string> = new Set(['cancel_operation', 'stop_proposal', 'import_members_run', 'print_member_copies']);

/** The writes sent and not yet answered. */
const pendingWrites = new Set<Promise<unknown>>();

function call<T>(command: string, input?: unknown): Promise<Outcome<T>> {
  if (UNORDERED.has(command)) return send<T>(command, input);
  const after = [...pendingWrites];
  const sent = after.length === 0 ? send<T>(command, input) : Promise.allSettled(after).then(() => send<T>(command, input));
  if (!READS.has(command)) {
    // Writes also go one after another, in the order they were sent: clearing a cell and
    // typing a new value must not be stored the other way round.
    pendingWrites.add(sent);
    void sent.then(() => pendingWrites.delete(sent));
  }
  return sent;
}

async function send<T>(command: string, input?: unknown): Promise<Outcome<T>> {
  const start = performance.now();
  try {
    const value = await invoke<T>(command, input === undefined ? {} : { input });
    return { ok: true, value };
  } catch (e) {
    return { ok: false, error: toUiError(e) };
  } finally {
    // The round trip as the page sees it (the benchmark prints these).
    span(`ipc ${command}`, start);
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

/** Copies a past visit's programme to new dates as a new delegation (tentative holds). */
export const repeatVisit = (input: RepeatVisit) => call<DelegationDetail>('repeat_visit', input);
/** Adds or updates a member; returns the delegation as stored. */
export const saveMember = (input: SaveMember) => call<DelegationDetail>('save_member', input);
/** Reads a roster file's bytes into a table with the mapping its header suggests. */
export const readMemberFile = (input: { name: string; bytes: number[]; sheet?: string }) => call<GuessedTable>('read_member_file', input);
/** Parses rows pasted from a spreadsheet into a table with a guessed mapping. */
export const parseMemberPaste = (input: { text: string }) => call<GuessedTable>('parse_member_paste', input);
/** What importing a table with a mapping would do, row by row; writes nothing. */
export const previewMemberImport = (input: ImportMembers) => call<ImportPreview>('preview_member_import', input);
/** Imports members in one transaction (all, or the valid rows when asked). */
export const importMembers = (input: ImportMembers) => call<ImportOutcome>('import_members', input);
/** Loads the sample visits into an empty database. */
export const loadSamplePlan = () => call<ImportSummary>('load_sample_plan');
/** Prints a document, saves it (default folder unless `folder`) and opens it if asked. */
export const printDocument = (input: PrintToFile) => call<SavedFile>('print_document', input);
/** The window's language: conflict messages the backend writes unasked (saves, refusals) follow it. */
export const setMessageLanguage = (input: MessageLanguage) => call<null>('set_message_language', input);
/** The conflicts involving one delegation (or all), blocking first. */
export const checkConflicts = (input: CheckInput) => call<Conflict[]>('check_conflicts', input);
/** The recorded guest releases of a delegation. */
export const listReleases = (input: KeyInput) => call<ReleaseInfo[]>('list_releases', input);
/** The office settings (institution name, logo) with the version a save must quote. */
export const getOfficeSettings = () => call<OfficeRecord>('get_office_settings');
/** Saves the office settings; a logo that is not a PNG of at most 2 MB is refused. */
export const saveOfficeSettings = (input: SaveOfficeSettings) => call<OfficeRecord>('save_office_settings', input);
/** The database this window works on, where that choice came from, and the saved choice. */
export const getDatabaseSettings = () => call<DatabaseSettings>('database_settings');
/** Tests a database without changing anything (no file created, no migration). */
export const testDatabaseConnection = (input: DatabaseChoice) => call<ConnectionReport>('test_database_connection', input);
/** Tests, saves and (unless --db / ITINERA_DB overrides) restarts the app on the database. */
export const switchDatabase = (input: DatabaseChoice) => call<SwitchOutcome>('switch_database', input);
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
/** Creates (no `expected_version`) or updates a directory entry; checked as plan files are (`invalid` names the field, `stale` when changed meanwhile). */
export const saveDirectoryEntry = (input: SaveDirectoryEntry) => call<DirectoryRecord>('save_directory_entry', input);
/** Deletes a directory entry (refused with `in_use`, naming what uses it). */
export const deleteDirectoryEntry = (input: DeleteDirectoryEntry) => call<null>('delete_directory_entry', input);
/** Sets (or, without minutes, removes) the travel time from one site to another. */
export const setTravelTime = (input: SetTravelTime) => call<null>('set_travel_time', input);
/** Saves the directory-wide settings (the same-site walking buffer). */
export const saveDirectorySettings = (input: DirectorySettings) => call<null>('save_settings', input);

/** The scheduling requests of a delegation, in their order. */
export const listRequests = (input: KeyInput) => call<RequestRecord[]>('list_requests', input);
/** Creates (no `expected_version`) or updates a request; checked as plan files are (`invalid` names the field). */
export const saveRequest = (input: SaveRequest) => call<RequestRecord>('save_request', input);
/** Deletes a request (refused with `in_use` while others are ordered after it). */
export const deleteRequest = (input: KeyInput) => call<null>('delete_request', input);
/** Proposes a programme from the stored requests within the budget (the first proposal also arrives as an event). */
export const proposeProgramme = (input: ProposeProgramme) => call<ScheduleOutcome>('propose_programme', input);
/** Stops the running proposal of a delegation: it returns its best proposal so far. */
export const stopProposal = (input: StopProposal) => call<boolean>('stop_proposal', input);
/** Saves chosen proposed items as tentative holds, all or nothing. */
export const acceptProposal = (input: AcceptProposal) => call<ItemRecord[]>('accept_proposal', input);

/** The rows of one kind of resource and their bookings in a window, across all delegations. */
export const resourceTimeline = (input: TimelineQuery) => call<ResourceTimeline>('resource_timeline', input);
/** Moves a booking to another resource of its kind and/or in time (stale and conflict checks apply). */
export const moveBooking = (input: MoveBooking) => call<MovedBooking>('move_booking', input);

/** The app event carrying the first (greedy) proposal of a running "Propose programme". */
export const FIRST_PROPOSAL_EVENT = 'itinera://first-proposal';

/** Calls `handler` with the first proposal of every run; returns the function that stops listening. */
export async function onFirstProposal(handler: (first: FirstProposal) => void): Promise<() => void> {
  try {
    return await listen<FirstProposal>(FIRST_PROPOSAL_EVENT, (event) => handler(event.payload));
  } catch {
    return () => {};
  }
}

/** Removes several members in one transaction, all or none (undoing an import). */
export const deleteMembers = (input: DeleteMembers) => call<MembersRemoved>('delete_members', input);
/** Adds members as they were imported, all or none (redoing an undone import). */
export const addMembers = (input: AddMembers) => call<DelegationDetail>('add_members', input);
/** Gives the members precedence 1..n in the order of `keys` (every member once), in one step. */
export const reorderMembers = (input: ReorderMembers) => call<DelegationDetail>('reorder_members', input);
/** Imports members with progress events under `operation`; a cancelled import stores nothing. */
export const importMembersRun = (input: ImportMembersRun) => call<ImportOutcome>('import_members_run', input);
/** Prints a guest copy for every member with progress events; cancelled, it records and writes nothing. */
export const printMemberCopies = (input: PrintMemberCopies) => call<SavedFile[]>('print_member_copies', input);
/** Asks the long operation with this id to stop; it then fails with the `cancelled` kind. */
export const cancelOperation = (input: CancelOperation) => call<null>('cancel_operation', input);

/** The app event carrying the progress of a long operation (import, printing many copies). */
export const PROGRESS_EVENT = 'itinera://progress';

/** Calls `handler` with every progress event; returns the function that stops listening. */
export async function onProgress(handler: (progress: OperationProgress) => void): Promise<() => void> {
  try {
    return await listen<OperationProgress>(PROGRESS_EVENT, (event) => handler(event.payload));
  } catch {
    return () => {};
  }
}

/** A fresh id for a long operation (progress events carry it, a cancel names it). */
export function operationId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `op-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
