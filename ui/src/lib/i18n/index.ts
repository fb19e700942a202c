/**
 * The UI's languages: Korean (the office staff) and English, with svelte-i18n (ICU message
 * format). The first run follows the system locale; a choice made in the header is kept in
 * localStorage and wins from then on. Message catalogues are bundled, never fetched.
 */
import { addMessages, init, locale } from 'svelte-i18n';
import en from './en.json';
import ko from './ko.json';

/** Languages the UI is written in. */
export const UI_LOCALES = ['ko', 'en'] as const;
/** One of {@link UI_LOCALES}. */
export type UiLocale = (typeof UI_LOCALES)[number];

const STORAGE_KEY = 'itinera.locale';

function isUiLocale(value: string | null | undefined): value is UiLocale {
  return UI_LOCALES.some((l) => l === value);
}

/**
 * Picks the UI language: a saved choice, else the first system language we speak
 * (`ko-KR` → `ko`), else English.
 */
export function pickLocale(saved: string | null, systemLanguages: readonly string[]): UiLocale {
  if (isUiLocale(saved)) return saved;
  for (const tag of systemLanguages) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    if (isUiLocale(base)) return base;
  }
  return 'en';
}

function savedLocale(): string | null {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null; // storage can be disabled; the system locale still applies
  }
}

/** Registers the catalogues and selects the starting language. Call once before mounting. */
export function setupI18n(): UiLocale {
  addMessages('ko', ko);
  addMessages('en', en);
  const systemLanguages = globalThis.navigator?.languages ?? [];
  const initial = pickLocale(savedLocale(), systemLanguages);
  init({ fallbackLocale: 'en', initialLocale: initial });
  document.documentElement.lang = initial;
  return initial;
}

/** Switches the UI language now and remembers the choice. */
export function switchLocale(next: UiLocale): void {
  locale.set(next);
  document.documentElement.lang = next;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  } catch {
    // Not remembered, but switched: acceptable.
  }
}
