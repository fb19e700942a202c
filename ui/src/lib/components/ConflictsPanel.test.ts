import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
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
});
