import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Outcome } from '../backend';
import type { ConnectionReport } from '../bindings/ConnectionReport';
import type { DatabaseChoice } from '../bindings/DatabaseChoice';
import type { DatabaseSettings } from '../bindings/DatabaseSettings';
import type { SwitchOutcome } from '../bindings/SwitchOutcome';
import type { DatabaseApi } from '../database';
import type { OfficeRecord } from '../bindings/OfficeRecord';
import type { SaveOfficeSettings } from '../bindings/SaveOfficeSettings';
import { setupI18n, switchLocale } from '../i18n';
import SettingsDialog from './SettingsDialog.svelte';

afterEach(() => cleanup());
beforeAll(() => {
  setupI18n();
  switchLocale('en');
});

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13];
const inUse: DatabaseSettings = {
  location: '/home/jiyoung/.local/share/itinera/itinera.db',
  kind: 'sqlite',
  source: 'default',
  saved: null,
  settings_file: '/home/jiyoung/.config/itinera/settings.json',
  default_location: '/home/jiyoung/.local/share/itinera/itinera.db',
};
const passed: ConnectionReport = {
  kind: 'postgres',
  location: 'postgres://planner@db.office.example:5432/itinera',
  server: 'PostgreSQL 15.14',
  exists: true,
  schema: 'current',
  schema_version: 5,
  app_schema_version: 5,
  delegations: 3,
  items: 41,
};

function fakeDatabase(over: Partial<DatabaseApi> = {}): DatabaseApi {
  return {
    load: async () => ({ ok: true, value: inUse }),
    test: async () => ({ ok: true, value: passed }),
    switchTo: async (input: DatabaseChoice) => ({ ok: true, value: { saved: input.location, restarting: true, overridden_by: null } }),
    ...over,
  };
}

const record: OfficeRecord = { settings: { institution: { ko: '서울대학교병원', en: 'Seoul National University Hospital' }, logo_png: PNG }, version: 2 };

describe('the settings dialog', () => {
  it('shows the stored settings, saves them with their version and hands back your name', async () => {
    const save = vi.fn(async (input: SaveOfficeSettings): Promise<Outcome<OfficeRecord>> => ({ ok: true, value: { settings: input.settings, version: 3 } }));
    const onname = vi.fn();
    render(SettingsDialog, { load: async () => ({ ok: true, value: record }), save, name: '', osUser: 'jiyoung', onname, onclose: vi.fn(), database: fakeDatabase() });
    const ko = (await screen.findByTestId('settings-name-ko')) as HTMLInputElement;
    expect(ko.value).toBe('서울대학교병원');
    const preview = screen.getByTestId('settings-logo-preview') as HTMLImageElement;
    // Invariant: the preview is a data: URL (the CSP allows data: images and nothing remote).
    expect(preview.src.startsWith('data:image/png;base64,')).toBe(true);
    expect((screen.getByTestId('settings-your-name') as HTMLInputElement).placeholder, 'the OS login is the default').toBe('jiyoung');
    await fireEvent.input(screen.getByTestId('settings-your-name'), { target: { value: '이지은' } });
    await fireEvent.click(screen.getByTestId('settings-logo-remove'));
    await fireEvent.click(screen.getByTestId('settings-submit'));
    expect(save).toHaveBeenCalledWith({ settings: { institution: record.settings.institution }, expected_version: 2 });
    expect(onname).toHaveBeenCalledWith('이지은');
    expect(await screen.findByTestId('settings-saved')).toBeTruthy();
  });

  it('shows the backend’s refusal and keeps the dialog open', async () => {
    const save = vi.fn(async (): Promise<Outcome<OfficeRecord>> => ({ ok: false, error: { kind: 'invalid', message: 'logo: the PNG image could not be decoded' } }));
    const onname = vi.fn();
    render(SettingsDialog, { load: async () => ({ ok: true, value: record }), save, name: 'x', osUser: 'y', onname, onclose: vi.fn(), database: fakeDatabase() });
    await fireEvent.click(await screen.findByTestId('settings-submit'));
    expect((await screen.findByRole('alert')).textContent).toContain('logo:');
    expect(onname, 'a refused save changes nothing').not.toHaveBeenCalled();
  });

  it('tests a PostgreSQL server and switches only after the test passed, with confirmation', async () => {
    const test = vi.fn(async (): Promise<Outcome<ConnectionReport>> => ({ ok: true, value: passed }));
    const switchTo = vi.fn(async (input: DatabaseChoice): Promise<Outcome<SwitchOutcome>> => ({ ok: true, value: { saved: input.location, restarting: true, overridden_by: null } }));
    render(SettingsDialog, { load: async () => ({ ok: true, value: record }), save: vi.fn(), name: '', osUser: 'y', onname: vi.fn(), onclose: vi.fn(), database: fakeDatabase({ test, switchTo }) });
    expect((await screen.findByTestId('database-current')).textContent).toContain(inUse.location);
    await fireEvent.click(screen.getByTestId('database-kind-postgres'));
    const password = screen.getByTestId('database-password') as HTMLInputElement;
    // Invariant: the password field is a password field and never prefilled.
    expect(password.type).toBe('password');
    expect(password.value).toBe('');
    expect((screen.getByTestId('database-switch') as HTMLButtonElement).disabled, 'no switch before a test').toBe(true);
    await fireEvent.input(screen.getByTestId('database-host'), { target: { value: 'db.office.example' } });
    await fireEvent.input(screen.getByTestId('database-user'), { target: { value: 'planner' } });
    await fireEvent.input(password, { target: { value: 's3cret' } });
    await fireEvent.click(screen.getByTestId('database-test'));
    expect(test).toHaveBeenCalledWith({ location: 'postgres://planner@db.office.example:5432/itinera', password: 's3cret' });
    expect((await screen.findByTestId('database-report')).textContent).toContain('PostgreSQL 15.14');
    await fireEvent.click(screen.getByTestId('database-switch'));
    expect(switchTo, 'the first click only asks').not.toHaveBeenCalled();
    await fireEvent.click(screen.getByTestId('database-switch-confirm'));
    expect(switchTo).toHaveBeenCalledWith({ location: 'postgres://planner@db.office.example:5432/itinera', password: 's3cret' });
    expect((await screen.findByTestId('database-outcome')).textContent).toContain('restarting');
  });

  it('shows a failed test and keeps switching disabled; an edit after a pass needs a new test', async () => {
    const test = vi.fn(async (): Promise<Outcome<ConnectionReport>> => ({ ok: false, error: { kind: 'storage', message: "the PostgreSQL server at db:5432 refused the password of user 'planner'" } }));
    render(SettingsDialog, { load: async () => ({ ok: true, value: record }), save: vi.fn(), name: '', osUser: 'y', onname: vi.fn(), onclose: vi.fn(), database: fakeDatabase({ test }) });
    await fireEvent.click(await screen.findByTestId('database-kind-postgres'));
    await fireEvent.input(screen.getByTestId('database-user'), { target: { value: 'planner' } });
    await fireEvent.click(screen.getByTestId('database-test'));
    expect((await screen.findByRole('alert')).textContent).toContain('refused the password');
    expect((screen.getByTestId('database-switch') as HTMLButtonElement).disabled).toBe(true);
    test.mockImplementation(async () => ({ ok: true, value: passed }));
    await fireEvent.click(screen.getByTestId('database-test'));
    await screen.findByTestId('database-report');
    expect((screen.getByTestId('database-switch') as HTMLButtonElement).disabled).toBe(false);
    await fireEvent.input(screen.getByTestId('database-port'), { target: { value: '6543' } });
    expect((screen.getByTestId('database-switch') as HTMLButtonElement).disabled, 'the port changed since the test').toBe(true);
  });
});
