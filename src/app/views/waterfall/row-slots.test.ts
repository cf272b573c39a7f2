import { describe, expect, it } from 'vitest';
import { assignRowSlots, noRowSlots, type RowSlots } from './row-slots.ts';

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const unique = (slots: RowSlots) => new Set(slots.slots).size === slots.slots.length;

describe('assignRowSlots', () => {
  it('numbers the first rows 0, 1, 2 …', () => {
    expect(assignRowSlots(noRowSlots, [4, 5, 6]).slots).toEqual([0, 1, 2]);
  });

  it('keeps the slot of every row still shown and gives the rows that come the slots of those that left', () => {
    const first = assignRowSlots(noRowSlots, range(0, 5));
    const next = assignRowSlots(first, range(2, 7));
    expect(next.slots).toEqual([2, 3, 4, 0, 1]);
    expect(next.slotOfRow.get(6)).toBe(1);
  });

  it('after a jump to entirely new rows, gives the slots in the order they stood, so no element moves', () => {
    const first = assignRowSlots(noRowSlots, range(0, 5));
    const scrolled = assignRowSlots(first, range(2, 7)); // DOM order of slots: 2 3 4 0 1
    const jumped = assignRowSlots(scrolled, range(500, 505));
    expect(jumped.slots).toEqual(scrolled.slots);
    expect(assignRowSlots(jumped, range(9000, 9005)).slots).toEqual(scrolled.slots);
  });

  it('adds new slots when more rows are shown, and never gives one slot to two rows', () => {
    const first = assignRowSlots(noRowSlots, range(0, 3));
    const fewer = assignRowSlots(first, [2]);
    expect(fewer.slots).toEqual([2]);
    const more = assignRowSlots(fewer, range(2, 8));
    expect(more.slots[0]).toBe(2);
    expect(unique(more)).toBe(true);
    expect(more.slots).toHaveLength(6);
    let state = more;
    for (const rows of [range(40, 44), range(42, 50), [1, 3, 5, 7, 9], range(0, 12), range(6, 9)]) {
      state = assignRowSlots(state, rows);
      expect(unique(state)).toBe(true);
      expect(state.slots).toHaveLength(rows.length);
    }
  });
});
