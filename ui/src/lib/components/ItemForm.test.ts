import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Delegation } from '../bindings/Delegation';
import { setupI18n, switchLocale } from '../i18n';
import { newDraft } from '../itinerary';
import ItemForm from './ItemForm.svelte';

const delegation: Delegation = {
  key: 'hanoi-2026-12',
  name: { ko: '하노이 박마이 병원 방문단', vi: 'Đoàn Bệnh viện Bạch Mai' },
  languages: ['vi'],
  timezone: 'Asia/Seoul',
  arrival: '2026-12-08T08:00:00+09:00',
  departure: '2026-12-09T18:00:00+09:00',
  status: 'planned',
};

const props = (yourZone: string) => ({
  initial: newDraft('meeting', '2026-12-08T09:30', '2026-12-08T10:30', 'everyone', new Set<string>()),
  zone: 'Asia/Seoul',
  delegation,
  members: [],
  directory: { sites: [], venues: [], hosts: [], interpreters: [] },
  onsave: async () => null,
  onclose: () => {},
  yourZone,
});

afterEach(() => cleanup());
beforeAll(() => {
  setupI18n();
  switchLocale('en');
});

describe('the item form', () => {
  it('also shows the times on the scheduler\'s clock when it is in another zone', async () => {
    render(ItemForm, props('Europe/Berlin'));
    const line = await screen.findByTestId('item-your-clock');
    expect(line.textContent).toBe('On your clock (Europe/Berlin): 2026-12-08 01:30 – 02:30');
  });

  it('says nothing more when the scheduler sits in the visit\'s zone', async () => {
    render(ItemForm, props('Asia/Seoul'));
    await screen.findByTestId('item-start');
    expect(screen.queryByTestId('item-your-clock')).toBeNull();
  });
});
