import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupI18n, switchLocale } from './lib/i18n';
import { checkInputFor } from './lib/conflicts';
import App from './App.svelte';

// The itinerary grid (a calendar) measures itself; jsdom has no layout.
class NoResize {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= NoResize as unknown as typeof ResizeObserver;
Element.prototype.scrollIntoView ??= function () {};

const delegation = {
  key: 'rizhao-2026-03',
  name: { ko: '르자오시 인민병원 방문단', zh: '日照市人民医院代表团' },
  organisation: {},
  languages: ['zh'],
  timezone: 'Asia/Seoul',
  arrival: '2026-03-11T08:00:00+09:00',
  departure: '2026-03-12T12:00:00+09:00',
  status: 'confirmed',
  subgroups: [],
};

const summary = {
  key: delegation.key,
  name: delegation.name,
  organisation: {},
  arrival: delegation.arrival,
  departure: delegation.departure,
  timezone: delegation.timezone,
  status: 'confirmed',
  member_count: 0,
  item_count: 0,
  version: 1,
};

/** The backend as the window sees it: one delegation, and every check_conflicts input kept. */
function fakeBackend(checks: unknown[]) {
  mockIPC(
    (cmd, args) => {
      const input = (args as { input?: unknown } | undefined)?.input;
      switch (cmd) {
        case 'app_info':
          return { version: '0', location: 'test.db' };
        case 'workstation_user':
          return { name: 'kim' };
        case 'list_delegations':
          return [summary];
        case 'get_delegation':
          return { delegation, version: 1, members: [] };
        case 'list_directory':
          return { settings: { same_site_buffer_minutes: 5 }, entries: [] };
        case 'check_conflicts':
          checks.push(input);
          return [];
        case 'set_message_language':
          checks.push({ told: input });
          return null;
        default:
          return [];
      }
    },
    { shouldMockEvents: true },
  );
}

afterEach(() => {
  cleanup();
  clearMocks();
});
beforeAll(() => {
  setupI18n();
});

describe('the window asks for conflict messages in its language', () => {
  it('maps the UI locale to the check language', () => {
    expect(checkInputFor('a', 'ko')).toEqual({ delegation: 'a', lang: 'ko' });
    expect(checkInputFor('a', 'ko-KR')).toEqual({ delegation: 'a', lang: 'ko' });
    expect(checkInputFor('a', 'en')).toEqual({ delegation: 'a', lang: 'en' });
    expect(checkInputFor('a', null), 'before a locale is set: English').toEqual({ delegation: 'a', lang: 'en' });
  });

  it("passes lang 'ko' in a Korean session and checks again in English after a switch", async () => {
    switchLocale('ko');
    const checks: unknown[] = [];
    fakeBackend(checks);
    render(App);
    const entry = await screen.findByTestId(`delegation-item-${delegation.key}`);
    await fireEvent.click(entry);
    await waitFor(() => expect(checks).toContainEqual({ delegation: delegation.key, lang: 'ko' }));
    const asked = checks.filter((c) => !('told' in (c as object)));
    expect(asked.every((c) => (c as { lang?: string }).lang === 'ko'), 'no English check in a Korean session').toBe(true);
    // The backend is told the language too, for the messages of saves and refusals.
    expect(checks[0]).toEqual({ told: { lang: 'ko' } });

    switchLocale('en');
    await waitFor(() => expect(checks.at(-1)).toEqual({ delegation: delegation.key, lang: 'en' }));
    expect(checks).toContainEqual({ told: { lang: 'en' } });
  });
});
