import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Outcome } from '../backend';
import type { Conflict } from '../bindings/Conflict';
import type { Delegation } from '../bindings/Delegation';
import type { DirectoryListing } from '../bindings/DirectoryListing';
import type { ItemRecord } from '../bindings/ItemRecord';
import type { ItineraryItem } from '../bindings/ItineraryItem';
import type { SaveItem } from '../bindings/SaveItem';
import type { SavedItem } from '../bindings/SavedItem';
import { setupI18n, switchLocale } from '../i18n';
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

const meeting: ItineraryItem = {
  key: 'meeting-director',
  kind: 'meeting',
  title: { ko: '병원장 면담', en: 'Meeting with the Director', uz: 'Bosh shifokor bilan uchrashuv' },
  start: '2026-03-11T10:00:00+09:00',
  end: '2026-03-11T11:00:00+09:00',
  participants: 'everyone',
  status: 'confirmed',
};
const lunch: ItineraryItem = {
  key: 'lunch-welcome',
  kind: 'meal',
  title: { ko: '환영 오찬', ru: 'Приветственный обед' },
  start: '2026-03-11T12:00:00+09:00',
  end: '2026-03-11T13:30:00+09:00',
  status: 'tentative',
};

const listing: DirectoryListing = { settings: {} as DirectoryListing['settings'], entries: [], travel: [] };

/** A store in memory that can be told to refuse the next save. */
function fakeApi(items: ItineraryItem[]) {
  const stored = new Map<string, ItemRecord>(items.map((item) => [item.key, { delegation: delegation.key, item, version: 1 }]));
  let refuse: Outcome<SavedItem> | null = null;
  /** The conflicts the next save answers with (the saved item's, as the store reports them). */
  let answer: Conflict[] = [];
  const saves: SaveItem[] = [];
  return {
    saves,
    answerNext(conflicts: Conflict[]) {
      answer = conflicts;
    },
    refuseNext(kind: 'conflict' | 'stale', message: string) {
      refuse = { ok: false, error: { kind, message } };
    },
    api: {
      listItems: vi.fn(async () => ({ ok: true as const, value: [...stored.values()] })),
      listDirectory: vi.fn(async () => ({ ok: true as const, value: listing })),
      deleteItem: vi.fn(async ({ key }: { key: string }) => {
        stored.delete(key);
        return { ok: true as const, value: null };
      }),
      saveItem: vi.fn(async (input: SaveItem): Promise<Outcome<SavedItem>> => {
        saves.push(input);
        if (refuse) {
          const r = refuse;
          refuse = null;
          return r;
        }
        const old = stored.get(input.item.key);
        const rec = { delegation: delegation.key, item: input.item, version: (old?.version ?? 0) + 1 };
        stored.set(input.item.key, rec);
        const conflicts = answer;
        answer = [];
        return { ok: true, value: { record: rec, conflicts } };
      }),
    },
  };
}

const hostClash: Conflict = {
  code: 'host_double_booked',
  severity: 'blocking',
  items: ['meeting-director', 'other-delegation-meeting'],
  delegations: ['tashkent-2026-03', 'choray-2026-03'],
  resources: [{ kind: 'host', key: 'director-kim' }],
  start: '2026-03-11T10:00:00+09:00',
  end: '2026-03-11T11:00:00+09:00',
  message: 'Director Kim hosts two meetings at 10:00',
};

afterEach(() => cleanup());
beforeAll(() => {
  setupI18n();
  switchLocale('en');
});

function mount(fake: ReturnType<typeof fakeApi>, conflicts: Conflict[] = []) {
  const onchanged = vi.fn();
  const onerror = vi.fn();
  render(ItineraryEditor, { delegation, members: [], conflicts, api: fake.api, onchanged, onerror });
  return { onchanged, onerror };
}

async function blocks() {
  return waitFor(() => {
    const found = screen.getAllByTestId('item-block');
    expect(found.length).toBeGreaterThan(0);
    return found;
  });
}

describe('the itinerary editor', () => {
  it('draws from the reads the page started when the delegation was chosen, once', async () => {
    const fake = fakeApi([meeting, lunch]);
    const prefetched = {
      key: delegation.key,
      items: Promise.resolve({ ok: true as const, value: [{ delegation: delegation.key, item: meeting, version: 1 }] }),
      directory: Promise.resolve({ ok: true as const, value: listing }),
      taken: false,
    };
    render(ItineraryEditor, { delegation, members: [], conflicts: [], api: fake.api, onchanged: vi.fn(), onerror: vi.fn(), prefetched });
    const found = await blocks();
    expect(found.map((b) => b.dataset.item), 'the prefetched items are drawn').toEqual(['meeting-director']);
    expect(fake.api.listItems, 'no second read of the items').not.toHaveBeenCalled();
    expect(fake.api.listDirectory).not.toHaveBeenCalled();
    expect(prefetched.taken, 'a prefetch serves one load').toBe(true);
  });

  it('reads afresh when the prefetch is of another delegation', async () => {
    const fake = fakeApi([meeting, lunch]);
    const prefetched = {
      key: 'another-visit',
      items: Promise.resolve({ ok: true as const, value: [] }),
      directory: Promise.resolve({ ok: true as const, value: listing }),
      taken: false,
    };
    render(ItineraryEditor, { delegation, members: [], conflicts: [], api: fake.api, onchanged: vi.fn(), onerror: vi.fn(), prefetched });
    expect((await blocks()).length).toBe(2);
    expect(fake.api.listItems).toHaveBeenCalledTimes(1);
    expect(prefetched.taken).toBe(false);
  });
  it('draws each item as a block with its kind in words and its conflict mark in words', async () => {
    mount(fakeApi([meeting, lunch]), [hostClash]);
    const found = await blocks();
    const byKey = new Map(found.map((b) => [b.dataset.item, b]));
    const m = byKey.get('meeting-director');
    // Invariant: never colour alone — the kind and the conflict are written on the block.
    expect(m?.textContent).toContain('Meeting');
    expect(m?.textContent).toContain('Meeting with the Director');
    expect(m?.dataset.mark).toBe('blocking');
    expect(m?.textContent).toContain('Blocking');
    const l = byKey.get('lunch-welcome');
    expect(l?.dataset.mark, 'an item without conflicts is not marked').toBe('');
    expect(l?.textContent).toContain('Tentative');
    expect(l?.textContent, '12:00 Seoul shown as 12:00').toMatch(/12/);
  });

  it('marks a block when its conflict arrives without redrawing the other blocks', async () => {
    const fake = fakeApi([meeting, lunch]);
    const props = { delegation, members: [], conflicts: [] as Conflict[], api: fake.api, onchanged: vi.fn(), onerror: vi.fn() };
    const view = render(ItineraryEditor, props);
    await blocks();
    const lunchBefore = screen.getAllByTestId('item-block').find((b) => b.dataset.item === 'lunch-welcome')?.closest('.ec-event');
    expect(lunchBefore).toBeTruthy();
    await view.rerender({ ...props, conflicts: [hostClash] });
    await waitFor(() => {
      const m = screen.getAllByTestId('item-block').find((b) => b.dataset.item === 'meeting-director');
      expect(m?.dataset.mark).toBe('blocking');
    });
    const lunchAfter = screen.getAllByTestId('item-block').find((b) => b.dataset.item === 'lunch-welcome')?.closest('.ec-event');
    // Only the changed block is handed to the calendar again: the lunch is the same element.
    expect(lunchAfter).toBe(lunchBefore);
    await view.rerender({ ...props, conflicts: [] });
    await waitFor(() => {
      const m = screen.getAllByTestId('item-block').find((b) => b.dataset.item === 'meeting-director');
      expect(m?.dataset.mark).toBe('');
    });
  });

  it('draws the mark the save answers with at once, and the page’s later check settles every mark', async () => {
    const fake = fakeApi([meeting, lunch]);
    // Before the edit the page's check found the lunch clashing (a warning).
    const lunchWarn: Conflict = { ...hostClash, code: 'travel_time_short', severity: 'warning', items: ['lunch-welcome'] };
    const props = { delegation, members: [], conflicts: [lunchWarn] as Conflict[], api: fake.api, onchanged: vi.fn(), onerror: vi.fn() };
    const view = render(ItineraryEditor, props);
    const byKey = async (key: string) => (await blocks()).find((b) => b.dataset.item === key);
    await waitFor(async () => expect((await byKey('lunch-welcome'))?.dataset.mark).toBe('warning'));
    const lunchEvent = (await byKey('lunch-welcome'))?.closest('.ec-event');

    // The meeting is saved; the store answers that it now double-books the director.
    await fireEvent.click((await byKey('meeting-director'))!.closest('.ec-event') as HTMLElement);
    await fireEvent.input(await screen.findByTestId('item-end'), { target: { value: '2026-03-11T11:30' } });
    fake.answerNext([hostClash]);
    await fireEvent.click(screen.getByTestId('item-save'));
    await waitFor(() => expect(screen.queryByTestId('item-form')).toBeNull());
    // No new `conflicts` from the page yet: the mark comes from the save's answer.
    await waitFor(async () => expect((await byKey('meeting-director'))?.dataset.mark).toBe('blocking'));
    const m = await byKey('meeting-director');
    expect(m?.querySelector('[data-testid="item-mark"]')?.textContent).toContain('Blocking');
    expect(m?.getAttribute('aria-label')).toContain('Blocking');
    expect(props.onchanged, 'the page is told to check the whole delegation').toHaveBeenCalled();
    expect((await byKey('lunch-welcome'))?.closest('.ec-event'), 'other blocks are not drawn again').toBe(lunchEvent);

    // The page's check answers: the lunch's warning went away, the meeting stays blocking.
    await view.rerender({ ...props, conflicts: [hostClash] });
    await waitFor(async () => expect((await byKey('lunch-welcome'))?.dataset.mark).toBe(''));
    expect((await byKey('meeting-director'))?.dataset.mark).toBe('blocking');
  });

  it('keeps the form open with the input when the store refuses a save, then saves and undoes', async () => {
    const fake = fakeApi([meeting]);
    const { onchanged } = mount(fake);
    const [block] = await blocks();
    await fireEvent.click(block!.closest('.ec-event') as HTMLElement);
    const end = (await screen.findByTestId('item-end')) as HTMLInputElement;
    expect((screen.getByTestId('item-title-en') as HTMLInputElement).value).toBe('Meeting with the Director');

    // A backwards time is caught before the store, naming the field.
    await fireEvent.input(end, { target: { value: '2026-03-11T09:00' } });
    await fireEvent.click(screen.getByTestId('item-save'));
    expect(screen.getByTestId('item-problem').dataset.field).toBe('end');
    expect(fake.saves).toHaveLength(0);

    // The store refuses (another delegation booked the director): the form and input stay.
    await fireEvent.input(end, { target: { value: '2026-03-11T11:30' } });
    fake.refuseNext('conflict', 'Director Kim is booked by 쩌라이 병원 at 10:00');
    await fireEvent.click(screen.getByTestId('item-save'));
    await screen.findByText('Director Kim is booked by 쩌라이 병원 at 10:00');
    expect(screen.getByTestId('item-form')).toBeTruthy();
    expect((screen.getByTestId('item-end') as HTMLInputElement).value).toBe('2026-03-11T11:30');

    await fireEvent.click(screen.getByTestId('item-save'));
    await waitFor(() => expect(screen.queryByTestId('item-form')).toBeNull());
    expect(fake.saves.at(-1)?.item.end).toBe('2026-03-11T11:30:00+09:00');
    expect(fake.saves.at(-1)?.expected_version, 'an update quotes the version loaded').toBe(1);
    expect(onchanged).toHaveBeenCalled();

    // Undo refused: the stack stays, the message shows; undo accepted: the old end is back.
    fake.refuseNext('stale', 'someone else changed this item');
    await fireEvent.click(screen.getByTestId('undo'));
    await screen.findByTestId('editor-notice');
    expect((screen.getByTestId('undo') as HTMLButtonElement).disabled, 'a refused undo can be retried').toBe(false);
    expect((screen.getByTestId('redo') as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(screen.getByTestId('undo'));
    await waitFor(() => expect((screen.getByTestId('redo') as HTMLButtonElement).disabled).toBe(false));
    expect(fake.saves.at(-1)?.item.end).toBe('2026-03-11T11:00:00+09:00');
    expect(fake.saves.at(-1)?.expected_version, 'the undo quotes the version after the save').toBe(2);
    // A stale refusal reloads the items, so the grid shows what is stored now.
    expect(fake.api.listItems.mock.calls.length, 'loaded once, reloaded after the stale refusal').toBe(2);
  });

  it('creates an item from the New item button and undoes the creation by deleting it', async () => {
    const fake = fakeApi([]);
    mount(fake);
    await screen.findByTestId('itinerary-grid');
    await waitFor(() => expect(fake.api.listItems).toHaveBeenCalled());
    await fireEvent.click(await screen.findByTestId('item-new'));
    await fireEvent.input(await screen.findByTestId('item-title-ko'), { target: { value: '암센터 견학' } });
    await fireEvent.click(screen.getByTestId('item-save'));
    await waitFor(() => expect(screen.queryByTestId('item-form')).toBeNull());
    const created = fake.saves.at(-1);
    expect(created?.expected_version, 'a new item is created, not updated').toBeUndefined();
    expect(created?.item.start).toBe('2026-03-11T09:00:00+09:00');
    await fireEvent.keyDown(window, { key: 'z', ctrlKey: true });
    await waitFor(() => expect(fake.api.deleteItem).toHaveBeenCalledWith({ key: created?.item.key }));
  });
});
