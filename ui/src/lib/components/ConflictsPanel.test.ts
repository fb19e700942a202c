import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Conflict } from '../bindings/Conflict';
import { setupI18n, switchLocale } from '../i18n';
import ConflictsPanel from './ConflictsPanel.svelte';

function conflict(code: Conflict['code'], severity: Conflict['severity'], message: string): Conflict {
  return { code, severity, items: ['a', 'b'], delegations: ['choray-2026-03'], resources: [], start: '2026-03-10T10:00:00+09:00', end: '2026-03-10T11:00:00+09:00', message };
}

afterEach(() => cleanup());
beforeAll(() => {
  setupI18n();
  switchLocale('ko');
});

describe('the conflicts panel', () => {
  it('lists blocking conflicts first, each with a text label and the message', () => {
    const conflicts = [
      conflict('travel_time_short', 'warning', '15 min between Main campus and Annex, 25 needed'),
      conflict('interpreter_double_booked', 'blocking', 'Хакимов Бегали interprets two sessions at 10:00'),
    ];
    render(ConflictsPanel, { conflicts });
    const rows = screen.getAllByTestId('conflict');
    // Invariant: what stops the plan is read first, even if the backend order changes.
    expect(rows.map((r) => r.dataset.severity)).toEqual(['blocking', 'warning']);
    expect(rows[0]?.textContent).toContain('차단');
    expect(rows[0]?.textContent, 'native-script names kept').toContain('Хакимов Бегали');
    expect(rows[1]?.textContent).toContain('경고');
    expect(screen.getByTestId('conflicts-count').textContent).toBe('2');
  });

  it('says so when there is nothing to fix, and while checking', () => {
    const { unmount } = render(ConflictsPanel, { conflicts: [] });
    expect(screen.getByTestId('conflicts-empty')).toBeTruthy();
    expect(screen.getByTestId('conflicts-count').textContent).toBe('0');
    unmount();
    render(ConflictsPanel, { conflicts: null });
    expect(screen.queryByTestId('conflicts-empty'), 'not checked yet is not "no conflicts"').toBeNull();
  });

  it('selects the first item of a conflict and accepts a warning only with a reason', async () => {
    const warning = conflict('travel_time_short', 'warning', '15 min between Main campus and Annex, 25 needed');
    const blocking = conflict('host_double_booked', 'blocking', 'Director Kim hosts two meetings');
    const onselect = vi.fn();
    const onacknowledge = vi.fn(async () => true);
    render(ConflictsPanel, { conflicts: [warning, blocking], onselect, onacknowledge });
    await fireEvent.click(screen.getAllByTestId('conflict-show')[0]!);
    expect(onselect).toHaveBeenCalledWith('a');
    // Invariant: a blocking conflict cannot be accepted, only fixed.
    expect(screen.getAllByTestId('conflict-accept')).toHaveLength(1);
    await fireEvent.click(screen.getByTestId('conflict-accept'));
    const confirm = screen.getByTestId('conflict-accept-confirm') as HTMLButtonElement;
    expect(confirm.disabled, 'no reason, no acceptance').toBe(true);
    await fireEvent.input(screen.getByTestId('conflict-reason'), { target: { value: '버스가 대기 중' } });
    await fireEvent.click(confirm);
    expect(onacknowledge).toHaveBeenCalledWith(warning, '버스가 대기 중');
    await waitFor(() => expect(screen.queryByTestId('conflict-reason-form')).toBeNull());
  });
});
