import { useCallback, useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Trace } from '../../../core/model/trace.ts';
import { ancestorsOf, nextSpanRow, parentRow } from '../../../core/trace/visible-rows.ts';
import { spanIndexOf } from '../../data/span-keys.ts';
import { selectSpan } from '../../routes/select-span.ts';
import { useViewState } from '../../routes/use-view-state.ts';
import { DetachedMarkerRow, SpanRow } from './SpanRow.tsx';
import { overscanRows, rowHeight } from './layout.ts';
import { setCollapsed } from './waterfall-actions.ts';
import type { WaterfallRows } from './use-waterfall-rows.ts';
import { lanesHeight, type ConcurrentLanes } from './concurrent-lanes.ts';
import { rowSizes } from './row-sizes.ts';
import { assignRowSlots, noRowSlots, type RowSlots } from './row-slots.ts';
import { zoomKeyShortcuts } from './zoom-keys.ts';

interface Props {
  readonly trace: Trace;
  readonly model: WaterfallRows;
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly outsideParent: Uint8Array;
  readonly onOpenDetails: () => void;
  readonly gridLines: readonly number[];
  readonly lanes: ReadonlyMap<number, ConcurrentLanes>;
  /** Zooms for a zoom key (see zoom-keys.ts); false when the key is not one. */
  readonly onZoomKey: (key: string, shiftKey: boolean) => boolean;
}

/**
 * The span rows as an ARIA treegrid: virtualized (only rows near the viewport are in the DOM),
 * one focus stop, the selected row as the active descendant. Keys: ↑/↓ move, → expand or go to
 * the first child, ← collapse or go to the parent, Home/End, Enter opens the details; + − 0 and
 * Shift+←/→ zoom and move the time window.
 */
export function WaterfallGrid({ trace, model, windowStart, windowEnd, outsideParent, onOpenDetails, gridLines, lanes, onZoomKey }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const { visible, collapsed, matchMask } = model;
  const selectedKey = useViewState((state) => state.span);
  const query = useViewState((state) => state.q);
  const selectedIndex = spanIndexOf(trace, selectedKey);
  const selectedRow = selectedIndex >= 0 ? (visible.rowOfSpan[selectedIndex] ?? -1) : -1;

  // Row heights: only RunConcurrent rows (with their lanes) are taller than the rest. `estimateSize`
  // and `getItemKey` change only when the rows do: a new `getItemKey` is what makes TanStack rebuild
  // its row positions (in place, in typed arrays), so they are rebuilt once per change of rows and
  // never per render. No row is measured in the DOM.
  const estimateSize = useMemo(() => {
    const extras: [number, number][] = [];
    for (const [span, spanLanes] of lanes) extras.push([visible.rowOfSpan[span] ?? -1, lanesHeight(spanLanes)]);
    return rowSizes(rowHeight, extras);
  }, [visible, lanes]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- a new function per change of rows is the point
  const getItemKey = useCallback((row: number) => row, [estimateSize]);
  const getScrollElement = useCallback(() => scroller.current, []);
  const virtualizer = useVirtualizer({
    count: visible.rows.length,
    getScrollElement,
    estimateSize,
    getItemKey,
    overscan: overscanRows,
  });

  // A span selected elsewhere (graph, state, a link) may sit in a collapsed branch: open its ancestors,
  // once per selection, so that collapsing afterwards (Collapse all) is not undone.
  const revealed = useRef(-1);
  useEffect(() => {
    if (selectedIndex === revealed.current) return;
    revealed.current = selectedIndex;
    if (selectedIndex < 0 || visible.rowOfSpan[selectedIndex] !== -1) return;
    const closed = ancestorsOf(trace, selectedIndex).filter((a) => collapsed.has(a));
    if (closed.length > 0) setCollapsed(trace, closed, false);
  }, [trace, selectedIndex, visible, collapsed]);

  // Keep the selected row in view when the selection changes (keyboard, search, links).
  useEffect(() => {
    if (selectedRow >= 0) virtualizer.scrollToIndex(selectedRow, { align: 'auto' });
  }, [selectedRow, virtualizer]);

  const onToggle = useCallback((span: number) => setCollapsed(trace, [span], !collapsed.has(span)), [trace, collapsed]);
  const onSelect = useCallback((span: number) => selectSpan(trace, span, 'push'), [trace]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!event.ctrlKey && !event.metaKey && !event.altKey && onZoomKey(event.key, event.shiftKey)) {
      event.preventDefault();
      return;
    }
    const rows = visible.rows;
    if (rows.length === 0) return;
    const current = selectedRow;
    const go = (row: number) => {
      const span = rows[row];
      if (span !== undefined && span >= 0) selectSpan(trace, span);
    };
    switch (event.key) {
      case 'ArrowDown':
        go(current < 0 ? nextSpanRow(visible, -1, 1) : nextSpanRow(visible, current, 1));
        break;
      case 'ArrowUp':
        go(current < 0 ? nextSpanRow(visible, -1, 1) : nextSpanRow(visible, current, -1));
        break;
      case 'Home':
        go(nextSpanRow(visible, -1, 1));
        break;
      case 'End':
        go(nextSpanRow(visible, rows.length, -1));
        break;
      case 'PageDown':
      case 'PageUp': {
        const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 400) / rowHeight) - 1);
        const target = Math.min(rows.length - 1, Math.max(0, (current < 0 ? 0 : current) + (event.key === 'PageDown' ? page : -page)));
        go(rows[target]! >= 0 ? target : nextSpanRow(visible, target, 1));
        break;
      }
      case 'ArrowRight': {
        if (selectedIndex < 0) return go(nextSpanRow(visible, -1, 1));
        if ((trace.children[selectedIndex]?.length ?? 0) === 0) break;
        if (collapsed.has(selectedIndex)) setCollapsed(trace, [selectedIndex], false);
        else go(nextSpanRow(visible, current, 1));
        break;
      }
      case 'ArrowLeft': {
        if (selectedIndex < 0) break;
        const hasChildren = (trace.children[selectedIndex]?.length ?? 0) > 0;
        if (hasChildren && !collapsed.has(selectedIndex)) setCollapsed(trace, [selectedIndex], true);
        else {
          const parent = parentRow(trace, visible, current);
          if (parent >= 0) go(rows[parent]! >= 0 ? parent : current);
        }
        break;
      }
      case 'Enter':
        if (selectedIndex >= 0) onOpenDetails();
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  // Rows are keyed by slot (row-slots.ts): a scroll (even a jump) hands the element of each row that
  // leaves to a row that comes and updates it in place, without moving it, instead of removing and
  // creating rows; rows that stay keep their slot and skip rendering.
  const items = virtualizer.getVirtualItems();
  const previousSlots = useRef<RowSlots>(noRowSlots);
  const rowSlots = assignRowSlots(previousSlots.current, items.map((item) => item.index));
  previousSlots.current = rowSlots;
  return (
    <div
      ref={scroller}
      className="wf-scroller"
      role="treegrid"
      aria-label="Span waterfall"
      aria-rowcount={visible.rows.length}
      aria-colcount={2}
      aria-multiselectable={false}
      aria-keyshortcuts={zoomKeyShortcuts}
      tabIndex={0}
      aria-activedescendant={selectedIndex >= 0 && selectedRow >= 0 ? `wf-row-${selectedIndex}` : undefined}
      onKeyDown={onKeyDown}
    >
      {visible.rows.length === 0 && (
        <p className="wf-empty" role="status">
          No span matches “{query}”. Clear the search or untick “Only matches” to see every span.
        </p>
      )}
      <div className="wf-canvas" style={{ height: virtualizer.getTotalSize() }}>
        <div className="wf-gridlines" aria-hidden="true">
          {gridLines.map((x) => (
            <span key={x} style={{ left: `${x * 100}%` }} />
          ))}
        </div>
        {items.map((item, i) => {
          const value = visible.rows[item.index]!;
          const slot = rowSlots.slots[i];
          if (value < 0) {
            const group = visible.groups[~value]!;
            return <DetachedMarkerRow key={`m${slot}`} top={item.start} rowIndex={item.index} parentSpanId={group.parentSpanId} reason={group.reason} />;
          }
          return (
            <SpanRow
              key={slot}
              trace={trace}
              spanIndex={value}
              rowIndex={item.index}
              top={item.start}
              windowStart={windowStart}
              windowEnd={windowEnd}
              collapsed={collapsed.has(value)}
              isMatch={matchMask?.[value] === 1}
              outsideParent={outsideParent[value] === 1}
              lanes={lanes.get(value)}
              onToggle={onToggle}
              onSelect={onSelect}
            />
          );
        })}
      </div>
    </div>
  );
}
