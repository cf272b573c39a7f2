/**
 * React keys ("slots") for the rendered waterfall rows, chosen so that a scroll never moves a row's
 * DOM element: a row still shown keeps its slot (its element and, memoized, its render), and the rows
 * that come in take the slots of the rows that left in the order those slots already stand in the
 * DOM. The rows are rendered in row order (the treegrid's DOM order is its reading order), so after a
 * jump to an entirely new set of rows (a fast scroll) the slots come out in the same order as before:
 * React updates every element in place and moves none. Moving an element (what keys by `row % count`
 * did for the rows that wrapped around) makes the browser drop and rebuild its whole subtree's style
 * and layout, on top of the update itself.
 */
export interface RowSlots {
  /** Slot of each rendered row, in the order the rows were given. */
  readonly slots: readonly number[];
  /** Slot of each rendered row by row index. */
  readonly slotOfRow: ReadonlyMap<number, number>;
}

export const noRowSlots: RowSlots = { slots: [], slotOfRow: new Map() };

/** Slots for `rows` (row indexes in increasing order) given the previous render's slots. */
export function assignRowSlots(previous: RowSlots, rows: readonly number[]): RowSlots {
  const slots = new Array<number>(rows.length);
  const slotOfRow = new Map<number, number>();
  const kept = new Set<number>();
  for (let i = 0; i < rows.length; i++) {
    const slot = previous.slotOfRow.get(rows[i]!);
    if (slot !== undefined) {
      slots[i] = slot;
      kept.add(slot);
    }
  }
  // Free slots in their DOM order, then new slot numbers when more rows are shown than before.
  const free = previous.slots.filter((slot) => !kept.has(slot));
  let nextFree = 0;
  let nextNew = 0;
  for (const slot of previous.slots) if (slot >= nextNew) nextNew = slot + 1;
  for (let i = 0; i < rows.length; i++) {
    if (slots[i] === undefined) {
      slots[i] = nextFree < free.length ? free[nextFree++]! : nextNew++;
    }
    slotOfRow.set(rows[i]!, slots[i]!);
  }
  return { slots, slotOfRow };
}
