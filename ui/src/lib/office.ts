/**
 * The Settings screen's form, pure: the office settings (institution name in Korean and
 * English, logo) as the form holds them, the checks made before sending, and the
 * `SaveOfficeSettings` input; plus "Your name", the scheduler at this workstation.
 *
 * "Your name" is kept in this workstation's localStorage, not in the database: the database
 * is the office's shared record (and will be shared between workstations), while the name
 * says who sits at this one. localStorage lives in the app's per-user data directory, so it
 * survives restarts and is separate per OS account; until the scheduler types a name, the OS
 * login (from the `workstation_user` command) is used.
 */
import type { OfficeRecord } from './bindings/OfficeRecord';
import type { SaveOfficeSettings } from './bindings/SaveOfficeSettings';

/** Largest logo accepted (the backend checks the same limit and decodes the PNG). */
export const MAX_LOGO_BYTES = 2 * 1024 * 1024;

/** The eight bytes every PNG file starts with. */
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** localStorage key of "Your name". */
export const YOUR_NAME_KEY = 'itinera.yourName';

/** What the Settings form holds. */
export interface OfficeForm {
  nameKo: string;
  nameEn: string;
  /** The logo's PNG bytes, or null for no logo. */
  logo: Uint8Array | null;
  /** The version loaded, quoted when saving. */
  version: number;
}

/** The form for the settings as loaded. */
export function officeForm(record: OfficeRecord): OfficeForm {
  const text = record.settings.institution as Partial<Record<string, string>>;
  return {
    nameKo: text.ko ?? '',
    nameEn: text.en ?? '',
    logo: record.settings.logo_png ? Uint8Array.from(record.settings.logo_png) : null,
    version: record.version,
  };
}

/** A problem with a chosen logo file, as a message id of the i18n catalogue. */
export type LogoProblem = 'settings.logoNotPng' | 'settings.logoTooBig';

/**
 * Checks a chosen file before it is sent: PNG signature and size. The backend repeats both
 * checks and decodes the image, so this is for a quick, translated message only.
 */
export function logoProblem(bytes: Uint8Array): LogoProblem | null {
  if (bytes.length > MAX_LOGO_BYTES) return 'settings.logoTooBig';
  if (bytes.length < PNG_SIGNATURE.length || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) return 'settings.logoNotPng';
  return null;
}

/** A `data:` URL showing the logo (the CSP allows `img-src data:` and nothing remote). */
export function logoDataUrl(bytes: Uint8Array): string {
  let binary = '';
  // Chunked so a 2 MB logo does not overflow the argument list of fromCharCode.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return `data:image/png;base64,${btoa(binary)}`;
}

/** The command input for the form: names trimmed, empty languages left out. */
export function buildOfficeSave(form: OfficeForm): SaveOfficeSettings {
  const institution: Record<string, string> = {};
  if (form.nameKo.trim()) institution.ko = form.nameKo.trim();
  if (form.nameEn.trim()) institution.en = form.nameEn.trim();
  return {
    settings: {
      institution,
      ...(form.logo ? { logo_png: Array.from(form.logo) } : {}),
    },
    expected_version: form.version,
  };
}

/** The subset of `Storage` "Your name" needs (so tests can pass a map). */
export type NameStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** "Your name" as saved at this workstation ('' when none). */
export function savedYourName(storage: NameStorage | undefined): string {
  return storage?.getItem(YOUR_NAME_KEY)?.trim() ?? '';
}

/** Who is recorded as printing: the saved name, else the OS login, else "Itinera". */
export function yourName(saved: string, osUser: string): string {
  return saved.trim() || osUser.trim() || 'Itinera';
}

/** Saves "Your name" at this workstation; an empty name goes back to the OS login. */
export function saveYourName(storage: NameStorage | undefined, name: string): void {
  const trimmed = name.trim();
  if (trimmed) storage?.setItem(YOUR_NAME_KEY, trimmed);
  else storage?.removeItem(YOUR_NAME_KEY);
}
