import { describe, expect, it } from 'vitest';
import type { ItineraryItem } from './bindings/ItineraryItem';
import type { Proposal } from './bindings/Proposal';
import type { Outcome } from './bindings/Outcome';
import { acceptedEdit, afterRedo, afterUndo, emptyHistory, record, redoStep, undoStep } from './itinerary-history';
import { EVERYONE_LANE, type Lane } from './itinerary';
import { GHOST_PREFIX, chosenItems, ghostBlocks, ghostKey, improved, outcomeView, show, summaryLine, toggle } from './proposal';
import en from './i18n/en.json';
import ko from './i18n/ko.json';

const VISIT = 'choray-2026-03';
const item = (key: string, start: string, end: string, title: Record<string, string>): ItineraryItem => ({
  key,
  kind: 'meeting',
  title,
  start,
  end,
  status: 'tentative',
});
const welcome = item('welcome', '2026-03-10T09:00:00+09:00', '2026-03-10T09:30:00+09:00', { ko: '환영식', vi: 'Lễ chào mừng' });
const tour = item('tour-cancer-centre', '2026-03-10T10:00:00+09:00', '2026-03-10T11:00:00+09:00', { ko: '암센터 견학', en: 'Cancer centre tour' });
const lunch = item('lunch', '2026-03-10T12:00:00+09:00', '2026-03-10T13:00:00+09:00', { ko: '오찬', en: 'Lunch' });
const proposal = (items: ItineraryItem[], objective = 40): Proposal => ({
  items,
  objective,
  first_objective: objective,
  optimal: false,
  bound: null,
  within_percent: null,
  engine: 'greedy',
  first_ms: 3,
  best_ms: 3,
  total_ms: 5,
});
const lanes: Lane[] = [{ id: EVERYONE_LANE, subgroup: null } as Lane];

describe('proposal ghosts', () => {
  it('shows every proposed item as a chosen, undraggable ghost that cannot collide with a stored block', () => {
    const s = show(VISIT, proposal([welcome, tour]), true);
    const blocks = ghostBlocks(s, 'Asia/Seoul', lanes, 'en');
    expect(blocks.map((b) => b.id)).toEqual([GHOST_PREFIX + 'welcome', GHOST_PREFIX + 'tour-cancer-centre']);
    expect(blocks.every((b) => b.classNames.includes('ghost') && !b.classNames.includes('ghost-off')), 'all chosen at first').toBe(true);
    expect(blocks.every((b) => b.editable === false && b.startEditable === false), 'a ghost cannot be dragged').toBe(true);
    expect(blocks[0]!.start).toBe('2026-03-10T09:00:00');
    expect(ghostKey(blocks[1]!.id)).toBe('tour-cancer-centre');
    expect(ghostKey('tour-cancer-centre'), 'a stored block is no ghost').toBeNull();
    expect(ghostBlocks(null, 'Asia/Seoul', lanes, 'en'), 'no proposal, no ghosts').toEqual([]);
  });

  it('accepts only the chosen items, in the proposal order', () => {
    let s = show(VISIT, proposal([welcome, tour, lunch]), false);
    s = toggle(s, 'tour-cancer-centre');
    expect(chosenItems(s).map((i) => i.key)).toEqual(['welcome', 'lunch']);
    const off = ghostBlocks(s, 'Asia/Seoul', lanes, 'en').find((b) => b.id.endsWith('tour-cancer-centre'));
    expect(off?.classNames, 'an unchosen ghost is drawn as such').toContain('ghost-off');
    s = toggle(s, 'tour-cancer-centre');
    expect(chosenItems(s)).toHaveLength(3);
  });

  it('keeps the choice made on the first proposal when the improved one arrives', () => {
    const first = toggle(show(VISIT, proposal([welcome, tour]), true), 'welcome');
    const moved = { ...tour, start: '2026-03-10T14:00:00+09:00', end: '2026-03-10T15:00:00+09:00' };
    const better = improved(first, VISIT, proposal([welcome, moved, lunch], 10));
    expect(better.improving).toBe(false);
    expect([...better.chosen].sort(), 'welcome stays unchosen; a newly proposed item is chosen').toEqual(['lunch', 'tour-cancer-centre']);
    expect(better.items[1]!.start, 'the improved times replace the first ones').toBe(moved.start);
    const other = improved(first, 'another-visit', proposal([welcome]));
    expect([...other.chosen], 'a proposal of another visit starts fresh').toEqual(['welcome']);
  });

  it('turns an infeasible outcome into its summary and requirement list, in the window\'s language', () => {
    const infeasible: Outcome = {
      outcome: 'infeasible',
      summary: 'These 2 requests cannot all be placed: they all need 김영수 in the time available.',
      summary_ko: '이 일정 요청 2개는 모두 배치할 수 없습니다. 주어진 시간에 모두 다음이 필요합니다: 김영수.',
      requirements: [
        { request: 'director-talks', text: '‘Talks’ (60 min) needs 김영수', text_ko: '‘면담’ 일정(60분) — 필요: 김영수' },
        { request: 'mou-signing', text: '‘MOU signing’ (30 min) needs 김영수', text_ko: '‘업무협약 체결’ 일정(30분) — 필요: 김영수' },
      ],
      minimal: true,
      total_ms: 40,
    };
    const v = outcomeView(VISIT, null, infeasible);
    expect(v.shown, 'nothing goes on the grid').toBeNull();
    expect(v.infeasible?.requirements).toEqual(['‘Talks’ (60 min) needs 김영수', '‘MOU signing’ (30 min) needs 김영수']);
    expect(v.infeasible?.summary).toContain('cannot all be placed');
    const ko = outcomeView(VISIT, null, infeasible, true);
    expect(ko.infeasible?.summary).toContain('배치할 수 없습니다');
    expect(ko.infeasible?.requirements[1]).toBe('‘업무협약 체결’ 일정(30분) — 필요: 김영수');
  });
});

describe('accepting a proposal in the undo history', () => {
  it('is one step: undo deletes every accepted item, redo accepts them again', () => {
    const before = record(emptyHistory(), { before: null, after: lunch });
    let h = record(before, acceptedEdit([welcome, tour]));
    expect(h.done).toHaveLength(2);
    expect(undoStep(h)).toEqual({ op: 'deleteMany', items: [welcome, tour] });
    h = afterUndo(h);
    expect(undoStep(h), 'the edit before the acceptance is next').toEqual({ op: 'delete', item: lunch });
    expect(redoStep(h)).toEqual({ op: 'acceptMany', items: [welcome, tour] });
    h = afterRedo(h);
    expect(undoStep(h)?.op).toBe('deleteMany');
  });
});

describe('summary line', () => {
  const catalogue = (c: typeof en, key: string): string => {
    const [group, name] = key.split('.') as [string, string];
    const text = (c as unknown as Record<string, Record<string, string> | undefined>)[group]?.[name];
    if (text === undefined) throw new Error(`no catalogue entry ${key}`);
    return text;
  };
  const fill = (text: string, values: Record<string, number>) =>
    text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k]));

  it('tells how far above the best possible an unproven proposal can be, in both languages', () => {
    const p = { ...proposal([welcome, tour], 402), bound: 338, within_percent: 19, total_ms: 1004, first_ms: 2 };
    const line = summaryLine(p);
    expect(line.key).toBe('requests.proposedWithin');
    expect(fill(catalogue(en, line.key), line.values)).toBe(
      '2 items proposed in 1004 ms (first after 2 ms); its cost is at most 19% above the best possible.',
    );
    expect(fill(catalogue(ko, line.key), line.values)).toContain('최대 19%');
  });

  it('says proven optimal, or only "not proven" when no bound is known', () => {
    expect(summaryLine({ ...proposal([welcome], 12), optimal: true, bound: 12 }).key).toBe('requests.proposedOptimal');
    const unknown = summaryLine(proposal([welcome, tour, lunch]));
    expect(unknown.key).toBe('requests.proposed');
    expect(unknown.values).toEqual({ count: 3, ms: 5, first: 3 });
  });
});
