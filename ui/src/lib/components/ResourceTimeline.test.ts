import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Booking } from '../bindings/Booking';
import type { ResourceTimeline as Timeline } from '../bindings/ResourceTimeline';
import type { TimelineQuery } from '../bindings/TimelineQuery';
import { setupI18n } from '../i18n';
import type { TimelineApi } from '../timeline';
import ResourceTimeline from './ResourceTimeline.svelte';

// jsdom lacks the layout observers the calendar asks for; they only size the grid.
class NoResize {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= NoResize as unknown as typeof ResizeObserver;

const talks: Booking = {
  resource: 'director-kim',
  item: 'samarkand-director-talks',
  version: 2,
  delegation: 'samarkand-2026-12',
  delegation_name: { ko: '사마르칸트 방문단', en: 'Samarkand delegation' },
  kind: 'meeting',
  status: 'tentative',
  start: '2026-12-09T01:45:00Z',
  end: '2026-12-09T02:30:00Z',
  title: { ko: '병원장 면담', en: 'Talks with the director' },
  mark: 'blocking',
  problems: ['Kim Young-soo is double-booked'],
};

function fakeApi(kindsSeen: TimelineQuery[]) {
  const api: TimelineApi = {
    resourceTimeline: vi.fn(async (q: TimelineQuery) => {
      kindsSeen.push(q);
      const t: Timeline = {
        kind: q.kind,
        rows: [{ key: 'director-kim', name: { ko: '김영수', en: 'Kim Young-soo' }, detail: { ko: '병원장', en: 'Hospital Director' } }],
        bookings: q.kind === 'host' ? [talks] : [],
      };
      return { ok: true as const, value: t };
    }),
    moveBooking: vi.fn(),
    saveItem: vi.fn(),
  };
  return api;
}

beforeAll(() => {
  setupI18n();
});
afterEach(cleanup);

describe('ResourceTimeline', () => {
  it('opens on the day of the date shown, then asks for its week and for the kind chosen', async () => {
    const seen: TimelineQuery[] = [];
    const { container } = render(ResourceTimeline, { api: fakeApi(seen), onerror: vi.fn(), onopenitem: vi.fn(), zone: 'Asia/Seoul', today: '2026-12-09' });
    await waitFor(() => expect(seen).toHaveLength(1));
    expect(seen[0], 'a day first: a seventh of the blocks to draw').toEqual({ kind: 'venue', from: '2026-12-09T00:00:00+09:00', to: '2026-12-10T00:00:00+09:00' });
    expect(screen.getByTestId('timeline-span-day').getAttribute('aria-pressed')).toBe('true');
    await waitFor(() => expect(container.querySelector('.ec-day-view')).toBeTruthy());
    await fireEvent.click(screen.getByTestId('timeline-span-week'));
    await waitFor(() => expect(seen).toHaveLength(2));
    expect(seen[1]).toEqual({ kind: 'venue', from: '2026-12-07T00:00:00+09:00', to: '2026-12-14T00:00:00+09:00' });
    await waitFor(() => expect(container.querySelector('.ec-week-view')).toBeTruthy());
    await fireEvent.click(screen.getByTestId('timeline-kind-host'));
    await waitFor(() => expect(seen.at(-1)?.kind).toBe('host'));
    await screen.findByTestId('timeline-row-director-kim');
  });

  it('labels a block with delegation, title and its conflict, and Enter opens the item', async () => {
    const onopenitem = vi.fn();
    render(ResourceTimeline, { api: fakeApi([]), onerror: vi.fn(), onopenitem, zone: 'Asia/Seoul', today: '2026-12-09' });
    await fireEvent.click(screen.getByTestId('timeline-kind-host'));
    const block = await screen.findByTestId('booking-block');
    expect(block.getAttribute('aria-label')).toContain('Samarkand delegation · Talks with the director');
    expect(block.getAttribute('aria-label'), 'the conflict is announced, not only coloured').toContain('Blocking');
    expect(block.getAttribute('title')).toContain('Kim Young-soo is double-booked');
    const event = block.closest('.ec-event') as HTMLElement;
    expect(event.classList.contains('mark-blocking')).toBe(true);
    expect(event.tabIndex, 'blocks are reachable with the keyboard').toBe(0);
    await fireEvent.keyDown(event, { key: 'Enter' });
    expect(onopenitem).toHaveBeenCalledWith('samarkand-2026-12', 'samarkand-director-talks');
  });

  it('reports a failed load to the banner', async () => {
    const onerror = vi.fn();
    const api = fakeApi([]);
    api.resourceTimeline = vi.fn(async () => ({ ok: false as const, error: { kind: 'storage' as const, message: 'the database could not be read' } }));
    render(ResourceTimeline, { api, onerror, onopenitem: vi.fn(), zone: 'Asia/Seoul', today: '2026-12-09' });
    await waitFor(() => expect(onerror).toHaveBeenCalledWith({ kind: 'storage', message: 'the database could not be read' }));
  });

  it('draws one page of rows at a time, searchable, every row reachable', async () => {
    const venues: Timeline = {
      kind: 'venue',
      rows: Array.from({ length: 20 }, (_, i) => ({
        key: `hall-${String(i + 1).padStart(2, '0')}`,
        name: { ko: `강당 ${i + 1}`, en: `Hall ${i + 1}` },
        detail: { ko: '본원', en: 'Main Hospital' },
      })),
      bookings: [{ ...talks, resource: 'hall-17', mark: undefined, problems: [] }],
    };
    const api = fakeApi([]);
    api.resourceTimeline = vi.fn(async (q: TimelineQuery) => ({ ok: true as const, value: { ...venues, kind: q.kind } }));
    render(ResourceTimeline, { api, onerror: vi.fn(), onopenitem: vi.fn(), zone: 'Asia/Seoul', today: '2026-12-09' });
    await screen.findByTestId('timeline-row-hall-01');
    expect(screen.getByTestId('timeline-rows').textContent?.trim()).toBe('Rows 1–10 of 20');
    expect(screen.queryByTestId('timeline-row-hall-11'), 'rows past the page are not drawn').toBeNull();
    expect(screen.queryByTestId('booking-block'), 'nor their bookings').toBeNull();
    expect((screen.getByTestId('timeline-rows-previous') as HTMLButtonElement).disabled).toBe(true);

    await fireEvent.click(screen.getByTestId('timeline-rows-next'));
    await screen.findByTestId('timeline-row-hall-11');
    expect(screen.getByTestId('timeline-rows').textContent?.trim()).toBe('Rows 11–20 of 20');
    expect(screen.queryByTestId('timeline-row-hall-01')).toBeNull();
    expect((await screen.findByTestId('booking-block')).getAttribute('data-resource')).toBe('hall-17');
    expect((screen.getByTestId('timeline-rows-next') as HTMLButtonElement).disabled, 'the last page').toBe(true);

    // A search goes back to the first page of what it finds.
    await fireEvent.input(screen.getByTestId('timeline-row-search'), { target: { value: '강당 1' } });
    await waitFor(() => expect(screen.getByTestId('timeline-rows').textContent?.trim()).toBe('Rows 1–10 of 11'));
    expect(screen.getByTestId('timeline-row-hall-10')).toBeTruthy();
    expect(screen.queryByTestId('timeline-row-hall-02')).toBeNull();

    await fireEvent.input(screen.getByTestId('timeline-row-search'), { target: { value: '' } });
    await fireEvent.click(screen.getByTestId('timeline-booked-only'));
    await waitFor(() => expect(screen.getByTestId('timeline-rows').textContent?.trim()).toBe('Rows 1–1 of 1'));
    expect(screen.getByTestId('timeline-row-hall-17')).toBeTruthy();

    await fireEvent.input(screen.getByTestId('timeline-row-search'), { target: { value: 'rehab' } });
    await screen.findByTestId('timeline-no-match');
  });

  it('switches the view only when its data is there (never draws the new view with the old data)', async () => {
    let release: () => void = () => {};
    const api = fakeApi([]);
    const week = { ...talks, item: 'week-only', start: '2026-12-11T01:00:00Z', end: '2026-12-11T02:00:00Z' };
    api.resourceTimeline = vi.fn(async (q: TimelineQuery) => {
      const value: Timeline = {
        kind: q.kind,
        rows: [{ key: 'director-kim', name: { en: 'Kim Young-soo' }, detail: {} }],
        bookings: q.to.startsWith('2026-12-10') ? [talks] : [talks, week],
      };
      if (!q.to.startsWith('2026-12-10')) await new Promise<void>((ok) => (release = ok));
      return { ok: true as const, value };
    });
    const { container } = render(ResourceTimeline, { api, onerror: vi.fn(), onopenitem: vi.fn(), zone: 'Asia/Seoul', today: '2026-12-09' });
    // It opens on the day (DEFAULT_SPAN), whose answer is not held back.
    await waitFor(() => expect(container.querySelector('.ec-day-view')).toBeTruthy());
    expect(container.querySelectorAll('.ec-event')).toHaveLength(1);

    await fireEvent.click(screen.getByTestId('timeline-span-week'));
    expect(screen.getByTestId('timeline-span-week').getAttribute('aria-pressed'), 'the button answers at once').toBe('true');
    await new Promise((ok) => setTimeout(ok, 20));
    expect(container.querySelector('.ec-week-view'), 'the week waits for its bookings').toBeNull();
    expect(container.querySelector('.ec-day-view')).toBeTruthy();
    release();
    await waitFor(() => expect(container.querySelector('.ec-week-view')).toBeTruthy());
    expect(container.querySelectorAll('.ec-event'), 'the week came with its own bookings').toHaveLength(2);
  });
});
