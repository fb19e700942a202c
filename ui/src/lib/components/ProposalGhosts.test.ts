import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AcceptProposal } from '../bindings/AcceptProposal';
import type { Delegation } from '../bindings/Delegation';
import type { DirectoryListing } from '../bindings/DirectoryListing';
import type { ItemRecord } from '../bindings/ItemRecord';
import type { ItineraryItem } from '../bindings/ItineraryItem';
import { setupI18n, switchLocale } from '../i18n';
import { show, type Shown } from '../proposal';
import ItineraryEditor from './ItineraryEditor.svelte';

// jsdom lacks the layout observers the calendar asks for; they only size the grid.
class NoResize {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= NoResize as unknown as typeof ResizeObserver;
Element.prototype.scrollIntoView ??= function () {};

const delegation: Delegation = {
  key: 'tashkent-2026-03',
  name: { ko: '타슈켄트 의료진 방문', uz: 'Toshkent shifokorlari tashrifi' },
  languages: ['uz', 'ru'],
  timezone: 'Asia/Seoul',
  arrival: '2026-03-11T08:00:00+09:00',
  departure: '2026-03-13T18:00:00+09:00',
  status: 'planned',
};
const proposed = (key: string, hour: number, ko: string): ItineraryItem => ({
  key,
  kind: 'facility_tour',
  title: { ko, uz: `Tashrif ${hour}` },
  start: `2026-03-11T${hour}:00:00+09:00`,
  end: `2026-03-11T${hour + 1}:00:00+09:00`,
  status: 'tentative',
});
const tour = proposed('cancer-tour', 10, '암센터 견학');
const rehab = proposed('rehab-tour', 14, '재활센터 견학');
const listing: DirectoryListing = { settings: {} as DirectoryListing['settings'], entries: [], travel: [] };

function fakeApi() {
  const stored = new Map<string, ItemRecord>();
  return {
    stored,
    listItems: vi.fn(async () => ({ ok: true as const, value: [...stored.values()] })),
    listDirectory: vi.fn(async () => ({ ok: true as const, value: listing })),
    saveItem: vi.fn(async () => ({ ok: false as const, error: { kind: 'io' as const, message: 'unused' } })),
    deleteItem: vi.fn(async ({ key }: { key: string }) => {
      stored.delete(key);
      return { ok: true as const, value: null };
    }),
    acceptProposal: vi.fn(async (input: AcceptProposal) => {
      const recs = input.items.map((item) => ({ delegation: input.delegation, item: { ...item, status: 'tentative' as const }, version: 1 }));
      for (const r of recs) stored.set(r.item.key, r);
      return { ok: true as const, value: recs };
    }),
  };
}

afterEach(() => cleanup());
beforeAll(() => {
  setupI18n();
  switchLocale('en');
});

describe('a proposal on the itinerary grid', () => {
  it('is drawn as ghosts; accepting the chosen ones is one step that undo takes back', async () => {
    const api = fakeApi();
    let current: Shown | null = show(delegation.key, {
      items: [tour, rehab],
      objective: 12,
      first_objective: 12,
      optimal: false,
      bound: null,
      within_percent: null,
      engine: 'greedy',
      first_ms: 2,
      best_ms: 2,
      total_ms: 9,
    }, false);
    const onproposal = vi.fn((s: Shown | null) => {
      current = s;
    });
    const props = { delegation, members: [], conflicts: [], api, onchanged: vi.fn(), onerror: vi.fn(), proposal: current, onproposal };
    const view = render(ItineraryEditor, props);
    const ghosts = await waitFor(() => {
      const found = screen.getAllByTestId('ghost-block');
      expect(found).toHaveLength(2);
      return found;
    });
    expect(ghosts.every((g) => g.dataset.chosen === 'true'), 'every proposed item starts chosen').toBe(true);
    expect(ghosts[0]!.closest('.ec-event')?.classList.contains('ghost'), 'ghosts are styled apart from stored items').toBe(true);

    const boxes = screen.getAllByTestId('proposal-choose') as HTMLInputElement[];
    await fireEvent.click(boxes.find((b) => b.dataset.item === 'rehab-tour')!);
    expect(onproposal).toHaveBeenCalledTimes(1);
    expect([...current!.chosen]).toEqual(['cancer-tour']);
    await view.rerender({ proposal: current });
    await waitFor(() => expect(screen.getAllByTestId('ghost-block').filter((g) => g.dataset.chosen === 'true')).toHaveLength(1));

    await fireEvent.click(screen.getByTestId('proposal-accept-selected'));
    await waitFor(() => expect(api.acceptProposal).toHaveBeenCalledTimes(1));
    expect(api.acceptProposal.mock.calls[0]![0].items.map((i) => i.key), 'only the chosen item is sent').toEqual(['cancer-tour']);
    expect(current, 'an accepted proposal leaves the grid').toBeNull();
    // (The page clears its proposal through `onproposal(null)`; a test re-render would also
    // reset the editor's history, so the undo is checked on the editor as it stands.)
    const undo = screen.getByTestId('undo') as HTMLButtonElement;
    await waitFor(() => expect(undo.disabled, 'the acceptance can be undone').toBe(false));
    await fireEvent.click(undo);
    await waitFor(() => expect(api.deleteItem).toHaveBeenCalledWith({ key: 'cancer-tour' }));
    expect(api.stored.size, 'undo deleted every accepted item').toBe(0);
  });
});
