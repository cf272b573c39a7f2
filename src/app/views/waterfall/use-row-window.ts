/**
 * The rows of the waterfall to render: those in the scroller's viewport and `overscan` more on each
 * side, from the scroll position and the row offsets (row-offsets.ts). A scroll renders the new rows
 * in the same frame (flushSync in the scroll handler), and only when the range of rows changes.
 */
import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';
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

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    let height = element.clientHeight;
    const update = () => {
      const top = element.scrollTop;
      const first = Math.max(0, offsets.rowAt(top) - overscan);
      const end = Math.min(offsets.count, offsets.rowAt(top + height) + 1 + overscan);
      setRange((previous) => (previous.first === first && previous.end === end ? previous : { first, end }));
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
