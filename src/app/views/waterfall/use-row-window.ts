/**
 * The rows of the waterfall to render: those in the scroller's viewport and `overscan` more on each
 * side, from the scroll position and the row offsets (row-offsets.ts). A scroll renders the new rows
 * in the same frame (flushSync in the scroll handler), and only when the range of rows changes.
 */
import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import type { RowOffsets } from './row-offsets.ts';

export interface RowRange {
  /** First row rendered. */
  readonly first: number;
  /** One past the last row rendered. */
  readonly end: number;
}

/** Rows a first render shows before the scroller's size is known (about a tall screen's worth). */
const firstGuess = 48;

export function useRowWindow(scroller: RefObject<HTMLDivElement | null>, offsets: RowOffsets, overscan: number): { range: RowRange; scrollToRow: (row: number) => void } {
  const [range, setRange] = useState<RowRange>({ first: 0, end: firstGuess });
  /** The range asked for last (the state may not have rendered it yet). */
  const shown = useRef<RowRange>(range);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    let height = element.clientHeight;
    let settle = 0;
    const update = () => {
      const top = element.scrollTop;
      const firstSeen = offsets.rowAt(top);
      const endSeen = Math.min(offsets.count, offsets.rowAt(top + height) + 1);
      // After a jump (no row in view was rendered) the rows around the view would be rendered for
      // nothing: render the view alone, and the rows around it once the scrolling pauses.
      const jumped = endSeen <= shown.current.first || firstSeen >= shown.current.end;
      const around = jumped ? 0 : overscan;
      const next = { first: Math.max(0, firstSeen - around), end: Math.min(offsets.count, endSeen + around) };
      window.clearTimeout(settle);
      if (jumped) settle = window.setTimeout(update, 150);
      if (next.first === shown.current.first && next.end === shown.current.end) return;
      shown.current = next;
      setRange((previous) => (previous.first === next.first && previous.end === next.end ? previous : next));
    };
    update();
    const onScroll = () => flushSync(update);
    element.addEventListener('scroll', onScroll, { passive: true });
    const resize = new ResizeObserver(() => {
      height = element.clientHeight;
      update();
    });
    resize.observe(element);
    return () => {
      window.clearTimeout(settle);
      element.removeEventListener('scroll', onScroll);
      resize.disconnect();
    };
  }, [scroller, offsets, overscan]);

  /** Scrolls just enough to show `row` whole (nothing when it is in view). */
  const scrollToRow = useCallback(
    (row: number) => {
      const element = scroller.current;
      if (!element || row < 0 || row >= offsets.count) return;
      const top = offsets.start(row);
      const bottom = top + offsets.height(row);
      if (top < element.scrollTop) element.scrollTop = top;
      else if (bottom > element.scrollTop + element.clientHeight) element.scrollTop = bottom - element.clientHeight;
    },
    [scroller, offsets],
  );

  return { range: { first: Math.min(range.first, offsets.count), end: Math.min(range.end, offsets.count) }, scrollToRow };
}
