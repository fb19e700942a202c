import { describe, expect, it } from 'vitest';
import en from './en.json';
import ko from './ko.json';
import { pickLocale } from './index';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

/** Every component and module source of the UI, by path (Vite inlines them at test time). */
const components = import.meta.glob<string>(['../../**/*.svelte'], { query: '?raw', import: 'default', eager: true });
const modules = import.meta.glob<string>(['../*.ts', '!../*.test.ts'], { query: '?raw', import: 'default', eager: true });

/** Message ids written literally: `$_('a.b')`, `$_("a.b", …)` in components; `message: 'a.b'` in modules. */
function literalIds(): { id: string; file: string }[] {
  const found: { id: string; file: string }[] = [];
  for (const [file, src] of Object.entries(components)) {
    for (const m of src.matchAll(/\$_\(\s*(['"])([\w.-]+)\1/g)) found.push({ id: m[2] ?? '', file });
  }
  for (const [file, src] of Object.entries(modules)) {
    for (const m of src.matchAll(/message: '([a-z][\w]*\.[\w.]+)'/g)) found.push({ id: m[1] ?? '', file });
  }
  return found;
}

/** Prefixes of ids built at run time: `$_(`kind.${k}`)` needs a `kind` group. */
function dynamicPrefixes(): { prefix: string; file: string }[] {
  const found: { prefix: string; file: string }[] = [];
  for (const [file, src] of Object.entries(components)) {
    for (const m of src.matchAll(/\$_\(\s*`([\w.]+)\.\$\{/g)) found.push({ prefix: m[1] ?? '', file });
  }
  return found;
}

function lookup(catalogue: object, id: string): unknown {
  return id.split('.').reduce<unknown>((node, part) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined), catalogue);
}

describe('UI languages', () => {
  it('has every message a component or module names, in both catalogues', () => {
    const ids = literalIds();
    // Guard against a scan that silently finds nothing (a glob or regex gone wrong).
    expect(Object.keys(components).length).toBeGreaterThan(10);
    expect(ids.length).toBeGreaterThan(100);
    for (const [name, catalogue] of [['ko', ko], ['en', en]] as const) {
      const missing = ids.filter(({ id }) => typeof lookup(catalogue, id) !== 'string').map(({ id, file }) => `${id} (${file})`);
      // Invariant: no screen ever shows a raw message id.
      expect(missing, `missing from ${name}.json`).toEqual([]);
      const groups = dynamicPrefixes().filter(({ prefix }) => typeof lookup(catalogue, prefix) !== 'object').map(({ prefix, file }) => `${prefix}.* (${file})`);
      expect(groups, `message groups missing from ${name}.json`).toEqual([]);
    }
  });


  it('has every message in both Korean and English', () => {
    // Invariant: switching language never shows a raw message id.
    expect(keys(ko).sort()).toEqual(keys(en).sort());
  });

  it('follows the system locale until the user chooses', () => {
    expect(pickLocale(null, ['ko-KR', 'en-US'])).toBe('ko');
    expect(pickLocale(null, ['ko_KR'])).toBe('ko');
    expect(pickLocale(null, ['vi-VN', 'en-GB']), 'first language we speak').toBe('en');
    expect(pickLocale(null, ['vi-VN']), 'nothing we speak: English').toBe('en');
    expect(pickLocale('ko', ['en-US']), 'a saved choice wins over the system').toBe('ko');
    expect(pickLocale('fr', ['ko-KR']), 'an unknown saved value is ignored').toBe('ko');
  });
});
