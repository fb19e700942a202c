import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Outcome } from '../backend';
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
const record: OfficeRecord = { settings: { institution: { ko: '서울대학교병원', en: 'Seoul National University Hospital' }, logo_png: PNG }, version: 2 };

describe('the settings dialog', () => {
  it('shows the stored settings, saves them with their version and hands back your name', async () => {
    const save = vi.fn(async (input: SaveOfficeSettings): Promise<Outcome<OfficeRecord>> => ({ ok: true, value: { settings: input.settings, version: 3 } }));
    const onname = vi.fn();
    render(SettingsDialog, { load: async () => ({ ok: true, value: record }), save, name: '', osUser: 'jiyoung', onname, onclose: vi.fn() });
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
    render(SettingsDialog, { load: async () => ({ ok: true, value: record }), save, name: 'x', osUser: 'y', onname, onclose: vi.fn() });
    await fireEvent.click(await screen.findByTestId('settings-submit'));
    expect((await screen.findByRole('alert')).textContent).toContain('logo:');
    expect(onname, 'a refused save changes nothing').not.toHaveBeenCalled();
  });
});
