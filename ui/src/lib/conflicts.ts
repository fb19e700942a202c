/**
 * Conflicts as the delegation page shows them: blocking before warnings, the backend's
 * order kept within each severity (it is already sorted; this makes the page not depend on it).
 */
import type { CheckInput } from './bindings/CheckInput';
import type { Conflict } from './bindings/Conflict';

/** Blocking conflicts first, otherwise in the given order (stable). */
export function blockingFirst(conflicts: readonly Conflict[]): Conflict[] {
  const rank = (c: Conflict) => (c.severity === 'blocking' ? 0 : 1);
  return [...conflicts].sort((a, b) => rank(a) - rank(b));
}

/**
 * The check of one delegation, with the messages in the UI's language: Korean for a Korean
 * locale (`ko`, `ko-KR`), English otherwise (also before a locale is set).
 */
export function checkInputFor(delegation: string, locale: string | null | undefined): CheckInput {
  return { delegation, lang: messageLanguage(locale) };
}

/** The language the backend writes conflict messages in for a UI locale: Korean or English. */
export function messageLanguage(locale: string | null | undefined): 'ko' | 'en' {
  const base = (locale ?? '').toLowerCase().split(/[-_]/)[0];
  return base === 'ko' ? 'ko' : 'en';
}
