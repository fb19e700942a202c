import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Outcome } from '../backend';
import type { DirectoryListing } from '../bindings/DirectoryListing';
import type { SaveDirectoryEntry } from '../bindings/SaveDirectoryEntry';
import type { UiError } from '../bindings/UiError';
import type { DirectoryApi } from '../directory';
import { setupI18n, switchLocale } from '../i18n';
import DirectoryEditor from './DirectoryEditor.svelte';

// As the IPC delivers it: parsed JSON, realistic entries from the office sample.
const listing: DirectoryListing = JSON.parse(
  JSON.stringify({
    settings: { same_site_buffer_minutes: 5 },
    entries: [
      { entry: { kind: 'site', value: { key: 'annex', name: { ko: '별관', en: 'Annex' }, timezone: 'Asia/Seoul' } }, version: 1 },
      { entry: { kind: 'site', value: { key: 'main-hospital', name: { ko: '본원', en: 'Main Hospital' }, timezone: 'Asia/Seoul' } }, version: 1 },
      {
        entry: {
          kind: 'venue',
          value: { key: 'annex-5f-conference', site: 'annex', name: { ko: '별관 5층 국제회의실', en: 'Annex 5F International Conference Room' }, floor: '5F', capacity: 40 },
        },
        version: 3,
      },
      {
        entry: { kind: 'venue', value: { key: 'director-office', site: 'main-hospital', name: { ko: '병원장 접견실', en: "Hospital Director's Reception Room" }, capacity: 12 } },
        version: 1,
      },
    ],
    travel: [{ from: 'main-hospital', to: 'annex', minutes: 8 }],
  }),
);

const ok = <T,>(value: T): Promise<Outcome<T>> => Promise.resolve({ ok: true, value });
const err = (kind: UiError['kind'], message: string): Promise<Outcome<never>> => Promise.resolve({ ok: false, error: { kind, message } });

/** A fake backend: each call recorded; `impl` replaces the default (successful) behaviour. */
function fakeApi(impl: Partial<DirectoryApi> = {}) {
  return {
    listDirectory: vi.fn<DirectoryApi['listDirectory']>(impl.listDirectory ?? (() => ok(listing))),
    saveDirectoryEntry: vi.fn<DirectoryApi['saveDirectoryEntry']>(
      impl.saveDirectoryEntry ?? ((input) => ok({ entry: input.entry, version: (input.expected_version ?? 0) + 1 })),
    ),
    deleteDirectoryEntry: vi.fn<DirectoryApi['deleteDirectoryEntry']>(impl.deleteDirectoryEntry ?? (() => ok(null))),
    setTravelTime: vi.fn<DirectoryApi['setTravelTime']>(impl.setTravelTime ?? (() => ok(null))),
    saveDirectorySettings: vi.fn<DirectoryApi['saveDirectorySettings']>(impl.saveDirectorySettings ?? (() => ok(null))),
  };
}

afterEach(() => cleanup());
beforeAll(() => {
  setupI18n();
  switchLocale('ko');
});

describe('the directory editor', () => {
  it('lists the entries of its kind and filters them by search', async () => {
    render(DirectoryEditor, { kind: 'venues', api: fakeApi(), onerror: vi.fn() });
    await screen.findByTestId('directory-row-annex-5f-conference');
    expect(screen.getByTestId('directory-row-director-office')).toBeTruthy();
    expect(screen.queryByTestId('directory-row-annex'), 'sites are not listed on the venues tab').toBeNull();
    expect(screen.getByText('회의실·시설'), 'the heading follows the UI language').toBeTruthy();
    await fireEvent.input(screen.getByTestId('directory-search'), { target: { value: '접견실' } });
    expect(screen.queryByTestId('directory-row-annex-5f-conference')).toBeNull();
    expect(screen.getByTestId('directory-row-director-office')).toBeTruthy();
  });

  it('adds a venue with a Korean name and sends a create without a version', async () => {
    const api = fakeApi();
    render(DirectoryEditor, { kind: 'venues', api, onerror: vi.fn() });
    await fireEvent.click(await screen.findByTestId('directory-add'));
    await fireEvent.input(screen.getByTestId('venue-name-ko'), { target: { value: '별관 3층 세미나실' } });
    await fireEvent.input(screen.getByTestId('entry-key'), { target: { value: 'annex-3f-seminar' } });
    await fireEvent.input(screen.getByTestId('venue-capacity'), { target: { value: '24' } });
    await fireEvent.click(screen.getByTestId('venue-hours-add'));
    await fireEvent.submit(screen.getByTestId('entry-form'));
    // With two sites none is preselected: the scheduler must say where the room is.
    expect(screen.getByTestId('entry-problem').dataset.field).toBe('site');
    expect(api.saveDirectoryEntry).not.toHaveBeenCalled();
    await fireEvent.change(screen.getByTestId('venue-site'), { target: { value: 'annex' } });
    await fireEvent.submit(screen.getByTestId('entry-form'));
    expect(api.saveDirectoryEntry).toHaveBeenCalledTimes(1);
    expect(api.saveDirectoryEntry.mock.calls[0]?.[0]).toEqual({
      entry: {
        kind: 'venue',
        value: {
          key: 'annex-3f-seminar',
          site: 'annex',
          name: { ko: '별관 3층 세미나실' },
          capacity: 24,
          opening_hours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], open: '09:00', close: '18:00' }],
        },
      },
    });
    await vi.waitFor(() => expect(screen.queryByTestId('entry-dialog'), 'the dialog closes once stored').toBeNull());
    expect(api.listDirectory, 'the list is reloaded after the save').toHaveBeenCalledTimes(2);
  });

  it('refuses bad input naming the field, and sends nothing', async () => {
    const api = fakeApi();
    render(DirectoryEditor, { kind: 'venues', api, onerror: vi.fn() });
    await fireEvent.click(await screen.findByTestId('directory-add'));
    await fireEvent.input(screen.getByTestId('venue-name-ko'), { target: { value: '세미나실' } });
    await fireEvent.input(screen.getByTestId('entry-key'), { target: { value: 'seminar' } });
    await fireEvent.change(screen.getByTestId('venue-site'), { target: { value: 'main-hospital' } });
    await fireEvent.input(screen.getByTestId('venue-capacity'), { target: { value: '스무명' } });
    await fireEvent.submit(screen.getByTestId('entry-form'));
    const problem = screen.getByTestId('entry-problem');
    expect(problem.textContent).toMatch(/^수용 인원\(명\):/);
    expect(api.saveDirectoryEntry, 'nothing half-checked is sent').not.toHaveBeenCalled();
  });

  it('edits quoting the loaded version and shows a stale refusal in the open dialog', async () => {
    const api = fakeApi({ saveDirectoryEntry: () => err('stale', "venue 'annex-5f-conference' was changed by someone else; reload it") });
    render(DirectoryEditor, { kind: 'venues', api, onerror: vi.fn() });
    await fireEvent.click(await screen.findByTestId('directory-edit-annex-5f-conference'));
    await fireEvent.input(screen.getByTestId('venue-capacity'), { target: { value: '36' } });
    await fireEvent.submit(screen.getByTestId('entry-form'));
    const input = api.saveDirectoryEntry.mock.calls[0]?.[0];
    // Invariant: an update carries the loaded version so a concurrent edit is caught.
    expect(input?.expected_version).toBe(3);
    expect(input?.entry).toMatchObject({ kind: 'venue', value: { key: 'annex-5f-conference', capacity: 36, floor: '5F' } });
    expect((await screen.findByTestId('error-message')).textContent).toContain('changed by someone else');
    expect(screen.getByTestId('entry-dialog'), 'a refused save keeps the input').toBeTruthy();
    expect((screen.getByTestId('venue-capacity') as HTMLInputElement).value).toBe('36');
  });

  it('cancels with Escape without saving', async () => {
    const api = fakeApi();
    render(DirectoryEditor, { kind: 'venues', api, onerror: vi.fn() });
    await fireEvent.click(await screen.findByTestId('directory-add'));
    await fireEvent.keyDown(screen.getByTestId('venue-name-ko'), { key: 'Escape' });
    expect(screen.queryByTestId('entry-dialog')).toBeNull();
    // Focus may have left the dialog (a click on the backdrop): Escape still cancels.
    await fireEvent.click(screen.getByTestId('directory-add'));
    await fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(screen.queryByTestId('entry-dialog')).toBeNull();
    expect(api.saveDirectoryEntry).not.toHaveBeenCalled();
  });

  it('shows the backend in-use message when a delete is refused', async () => {
    const message = "venue 'annex-5f-conference' is still used by 'Welcome ceremony' (choray-welcome) — change those first";
    const api = fakeApi({ deleteDirectoryEntry: () => err('in_use', message) });
    render(DirectoryEditor, { kind: 'venues', api, onerror: vi.fn() });
    await fireEvent.click(await screen.findByTestId('directory-delete-annex-5f-conference'));
    expect(api.deleteDirectoryEntry, 'one click must not delete').not.toHaveBeenCalled();
    await fireEvent.click(screen.getByTestId('directory-delete-annex-5f-conference-confirm'));
    expect(api.deleteDirectoryEntry).toHaveBeenCalledWith({ kind: 'venue', key: 'annex-5f-conference' });
    const banner = await screen.findByTestId('error-banner');
    expect(banner.dataset.kind).toBe('in_use');
    expect(screen.getByTestId('error-message').textContent).toBe(message);
    expect(screen.getByTestId('directory-row-annex-5f-conference'), 'the refused entry stays listed').toBeTruthy();
  });

  it('adds an interpreter with pairs with Korean, agency, limits and working hours', async () => {
    const api = fakeApi();
    render(DirectoryEditor, { kind: 'interpreters', api, onerror: vi.fn() });
    await fireEvent.click(await screen.findByTestId('directory-add'));
    await fireEvent.input(screen.getByTestId('interpreter-name-ko'), { target: { value: '유수포바 딜노자' } });
    await fireEvent.input(screen.getByTestId('interpreter-name-en'), { target: { value: 'Yusupova Dilnoza' } });
    await fireEvent.click(screen.getByTestId('pair-ko-uz'));
    await fireEvent.click(screen.getByTestId('pair-ko-ru'));
    await fireEvent.click(screen.getByTestId('affiliation-agency'));
    await fireEvent.input(screen.getByTestId('interpreter-max-daily'), { target: { value: '300' } });
    await fireEvent.click(screen.getByTestId('working-hours-add'));
    await fireEvent.click(screen.getByTestId('working-hours-0-sat'));
    await fireEvent.submit(screen.getByTestId('entry-form'));
    expect(api.saveDirectoryEntry.mock.calls[0]?.[0]).toEqual({
      entry: {
        kind: 'interpreter',
        value: {
          key: 'yusupova-dilnoza',
          name: { ko: '유수포바 딜노자', en: 'Yusupova Dilnoza' },
          pairs: ['ko-ru', 'ko-uz'],
          affiliation: 'agency',
          // The continuous limit keeps the 90-minute default nobody typed over.
          max_continuous_minutes: 90,
          max_daily_minutes: 300,
          availability: { working_hours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], open: '09:00', close: '18:00' }] },
        },
      },
    });
  });

  it('reports a failed load to the app', async () => {
    const onerror = vi.fn();
    render(DirectoryEditor, { kind: 'hosts', api: fakeApi({ listDirectory: () => err('storage', 'database is locked') }), onerror });
    await vi.waitFor(() => expect(onerror).toHaveBeenCalledWith({ kind: 'storage', message: 'database is locked' }));
  });
});

describe('the travel-time matrix', () => {
  it('sets a directed travel time from the grid', async () => {
    const api = fakeApi();
    render(DirectoryEditor, { kind: 'sites', api, onerror: vi.fn() });
    const cell = (await screen.findByTestId('travel-annex-main-hospital')) as HTMLInputElement;
    expect((screen.getByTestId('travel-main-hospital-annex') as HTMLInputElement).value, 'stored minutes are shown').toBe('8');
    expect(cell.value, 'the other direction is separate').toBe('');
    expect(cell.getAttribute('aria-label')).toBe('별관에서 본원까지 이동 시간(분)');
    await fireEvent.change(cell, { target: { value: '12' } });
    expect(api.setTravelTime).toHaveBeenCalledWith({ from: 'annex', to: 'main-hospital', minutes: 12 });
  });

  it('removes a travel time with a blank cell and refuses a bad one naming the cell', async () => {
    const api = fakeApi();
    render(DirectoryEditor, { kind: 'sites', api, onerror: vi.fn() });
    const cell = await screen.findByTestId('travel-main-hospital-annex');
    await fireEvent.change(cell, { target: { value: '' } });
    expect(api.setTravelTime).toHaveBeenCalledWith({ from: 'main-hospital', to: 'annex' });
    api.setTravelTime.mockClear();
    await fireEvent.change(cell, { target: { value: '십오' } });
    expect(api.setTravelTime, 'a bad value is not sent').not.toHaveBeenCalled();
    expect(screen.getByTestId('travel-problem').textContent).toContain('본원 → 별관');
  });

  it("keeps a value being typed into a cell while the cell's earlier change is saved", async () => {
    // Clearing the cell saves a removal; the scheduler types 11 before that save answers.
    let stored: DirectoryListing['travel'] = listing.travel;
    const answers: Array<() => void> = [];
    const api = fakeApi({
      listDirectory: () => ok({ ...listing, travel: stored }),
      setTravelTime: (input) =>
        new Promise((resolve) =>
          answers.push(() => {
            stored = input.minutes === undefined ? [] : [{ from: input.from, to: input.to, minutes: input.minutes }];
            resolve({ ok: true, value: null });
          }),
        ),
    });
    render(DirectoryEditor, { kind: 'sites', api, onerror: vi.fn() });
    const cell = (await screen.findByTestId('travel-main-hospital-annex')) as HTMLInputElement;
    await fireEvent.change(cell, { target: { value: '' } });
    await fireEvent.input(cell, { target: { value: '11' } });
    answers[0]?.();
    await new Promise((r) => setTimeout(r, 20));
    // Invariant: the removal's answer does not redraw the cell under the scheduler's typing.
    expect(cell.value).toBe('11');
    await fireEvent.keyDown(cell, { key: 'Enter' });
    expect(api.setTravelTime).toHaveBeenLastCalledWith({ from: 'main-hospital', to: 'annex', minutes: 11 });
    answers[1]?.();
    await new Promise((r) => setTimeout(r, 20));
    expect((screen.getByTestId('travel-main-hospital-annex') as HTMLInputElement).value, 'the stored 11 is shown').toBe('11');
  });

  it('saves the same-site walking buffer', async () => {
    const api = fakeApi();
    render(DirectoryEditor, { kind: 'sites', api, onerror: vi.fn() });
    const buffer = (await screen.findByTestId('buffer-minutes')) as HTMLInputElement;
    expect(buffer.value).toBe('5');
    await fireEvent.input(buffer, { target: { value: '7' } });
    await fireEvent.submit(screen.getByTestId('buffer-form'));
    expect(api.saveDirectorySettings).toHaveBeenCalledWith({ same_site_buffer_minutes: 7 });
  });
});
