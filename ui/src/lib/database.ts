/**
 * The Database section of Settings, pure: the form (SQLite file, or PostgreSQL server as
 * fields or as a URL), the location it stands for, and when "Switch and restart" may be
 * pressed.
 *
 * Invariants: the password is never part of a URL built here (it travels beside it, and the
 * backend keeps it in the password file, never in the settings file); the form is never
 * prefilled with a password; a switch is allowed only for exactly the inputs that passed the
 * last connection test.
 */
import type { Outcome } from './backend';
import type { ConnectionReport } from './bindings/ConnectionReport';
import type { DatabaseChoice } from './bindings/DatabaseChoice';
import type { DatabaseSettings } from './bindings/DatabaseSettings';
import type { SwitchOutcome } from './bindings/SwitchOutcome';

/** The three commands the section calls (backend.ts in the app, fakes in tests). */
export interface DatabaseApi {
  load: () => Promise<Outcome<DatabaseSettings>>;
  test: (input: DatabaseChoice) => Promise<Outcome<ConnectionReport>>;
  switchTo: (input: DatabaseChoice) => Promise<Outcome<SwitchOutcome>>;
}

/** Which kind of database the form describes. */
export type DbKind = 'sqlite' | 'postgres';

/** What the Database section's form holds. */
export interface DatabaseForm {
  kind: DbKind;
  /** SQLite: the file's full path. */
  path: string;
  /** PostgreSQL: typed as one URL instead of the fields below. */
  useUrl: boolean;
  url: string;
  host: string;
  port: string;
  database: string;
  user: string;
  /** Never prefilled; sent beside the URL, never inside it. */
  password: string;
}

/** A problem with the form, as a message id of the i18n catalogue. */
export type DatabaseProblem =
  | 'database.problemPath'
  | 'database.problemHost'
  | 'database.problemPort'
  | 'database.problemName'
  | 'database.problemUser'
  | 'database.problemUrl';

const DEFAULT_PORT = '5432';

/** The fields of a `postgres://` URL (its password is dropped), or null if it is not one. */
export function parsePostgresUrl(url: string): Pick<DatabaseForm, 'host' | 'port' | 'database' | 'user'> | null {
  const match = /^postgres(?:ql)?:\/\/(?:([^:@/?]*)(?::[^@/?]*)?@)?(\[[^\]]+\]|[^:/?]*)(?::(\d+))?(?:\/([^?]*))?/.exec(url.trim());
  if (!match) return null;
  const decode = (s: string | undefined) => {
    try {
      return decodeURIComponent(s ?? '');
    } catch {
      return s ?? '';
    }
  };
  return {
    user: decode(match[1]),
    host: (match[2] ?? '').replace(/^\[(.*)\]$/, '$1'),
    port: match[3] ?? DEFAULT_PORT,
    database: decode(match[4]),
  };
}

/** The form for the database in use: the saved choice if any, else the current one. */
export function databaseForm(settings: DatabaseSettings): DatabaseForm {
  const shown = settings.saved ?? settings.location;
  const fields = parsePostgresUrl(shown);
  const blank: DatabaseForm = {
    kind: 'sqlite',
    path: settings.default_location,
    useUrl: false,
    url: '',
    host: 'localhost',
    port: DEFAULT_PORT,
    database: 'itinera',
    user: '',
    password: '',
  };
  if (!fields) return { ...blank, path: shown };
  // A redacted URL shows `:***@`: the form keeps user, host, port and database only.
  return { ...blank, kind: 'postgres', ...fields, url: stripPassword(shown) };
}

/** The URL without any password (user-info or `password=` parameter). */
export function stripPassword(url: string): string {
  return url
    .replace(/^(postgres(?:ql)?:\/\/[^:@/?]*):[^@/?]*@/, '$1@')
    .replace(/([?&])password=[^&]*(&|$)/, (_, sep: string, end: string) => (end ? sep : ''))
    .replace(/[?&]$/, '');
}

/** The location the form stands for, or the first problem with it. */
export function buildLocation(form: DatabaseForm): { location: string } | { problem: DatabaseProblem } {
  if (form.kind === 'sqlite') {
    const path = form.path.trim();
    // Relative to where the app happened to start would be a different file every time.
    if (!path.startsWith('/')) return { problem: 'database.problemPath' };
    return { location: path };
  }
  if (form.useUrl) {
    const url = stripPassword(form.url.trim());
    const fields = parsePostgresUrl(url);
    if (!fields || !fields.host) return { problem: 'database.problemUrl' };
    return { location: url };
  }
  const host = form.host.trim();
  if (!host || /[\s/@?]/.test(host)) return { problem: 'database.problemHost' };
  const port = form.port.trim() || DEFAULT_PORT;
  const n = Number(port);
  if (!/^\d+$/.test(port) || n < 1 || n > 65535) return { problem: 'database.problemPort' };
  if (!form.database.trim()) return { problem: 'database.problemName' };
  if (!form.user.trim()) return { problem: 'database.problemUser' };
  const hostPart = host.includes(':') ? `[${host}]` : host;
  const user = encodeURIComponent(form.user.trim());
  const database = encodeURIComponent(form.database.trim());
  return { location: `postgres://${user}@${hostPart}:${port}/${database}` };
}

/** The command input for the form (no password for SQLite, none when left empty). */
export function databaseChoice(form: DatabaseForm): DatabaseChoice | null {
  const built = buildLocation(form);
  if (!('location' in built)) return null;
  const password = form.kind === 'postgres' && form.password !== '' ? form.password : undefined;
  return password === undefined ? { location: built.location } : { location: built.location, password };
}

/** A fingerprint of what a test checked, to know whether the form still matches it. */
export function choiceKey(choice: DatabaseChoice | null): string | null {
  return choice ? JSON.stringify([choice.location, choice.password ?? null]) : null;
}

/**
 * "Switch and restart" is enabled only after a passed test of exactly the current inputs,
 * while nothing else runs, and not for the database already in use.
 */
export function canSwitch(form: DatabaseForm, testedKey: string | null, busy: boolean, inUse: string): boolean {
  const choice = databaseChoice(form);
  if (busy || !choice || testedKey === null) return false;
  if (choice.location === stripPassword(inUse)) return false;
  return choiceKey(choice) === testedKey;
}
