import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef } from 'react';
import type { JunjoRuns } from '../../../core/junjo/analyze-junjo.ts';
import type { StateTransition, StoreTimeline } from '../../../core/junjo/state-replay.ts';
import { formatDuration } from '../../../core/model/time.ts';
import { storeColumnNeeded, storeLabel } from './store-tree.ts';
import { crossStoreWrite } from './subflow-writes.ts';

const ROW_HEIGHT = 28;

export interface TransitionListProps {
  readonly analysis: JunjoRuns;
  readonly timeline: StoreTimeline;
  readonly tx: number | undefined;
  readonly tied: ReadonlySet<number>;
  readonly onSelect: (tx: number) => void;
  /** Step → why it is a concurrent write (concurrent-writes.ts). */
  readonly concurrent?: ReadonlyMap<number, string>;
}

const rowId = (storeId: string, tx: number): string => `st-row-${storeId}-${tx}`;

/** Every transition of the store as a grid; only the visible rows are in the DOM. */
export const TransitionList = memo(function TransitionList({ analysis, timeline, tx, tied, onSelect, concurrent }: TransitionListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = timeline.transitions.length;
  const withStore = useMemo(() => storeColumnNeeded(timeline), [timeline]);
  const columns = withStore ? allColumns : allColumns.filter((c) => c !== 'Store');
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  useEffect(() => {
    // Rows have a fixed height: bring the selected one into view with one scroll write and no
    // measuring loop (virtualizer.scrollToIndex re-measures the page until it settles).
    const el = scrollRef.current;
    if (tx === undefined || !el) return;
    const top = tx * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  }, [tx]);
  return (
    <div
      className={`st-grid${withStore ? ' st-grid-store' : ''}`}
      role="grid"
      aria-label={`Transitions of ${timeline.storeName ?? timeline.storeId}`}
      aria-rowcount={count + 1}
      aria-colcount={columns.length}
      tabIndex={0}
      aria-activedescendant={tx !== undefined ? rowId(timeline.storeId, tx) : undefined}
      data-state-grid=""
    >
      <div className={`st-row st-header${withStore ? '' : ' st-row-nostore'}`} role="row" aria-rowindex={1}>
        {columns.map((c) => <span key={c} role="columnheader">{c}</span>)}
      </div>
      {/* tabIndex -1: the grid is the one Tab stop (Chromium would make this scroller a second one). Its
          max-height comes from state.css (--st-list-max), shorter when the list sits above the step. */}
      <div ref={scrollRef} className="st-grid-scroll" tabIndex={-1} style={{ height: Math.max(ROW_HEIGHT, count * ROW_HEIGHT) }}>
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const t = timeline.transitions[item.index] as StateTransition;
            return (
              <Row key={item.index} analysis={analysis} timeline={timeline} t={t} index={item.index} top={item.start}
                selected={item.index === tx} tied={tied.has(t.step)} withStore={withStore} onSelect={onSelect} concurrent={concurrent?.get(t.step)} />
            );
          })}
        </div>
      </div>
      {count === 0 && <p className="muted pad">This store recorded no transitions.</p>}
    </div>
  );
});

const allColumns = ['#', 'Store', 'Action', 'Node / span', 'Time', 'Seq', 'Revision'] as const;


interface RowProps {
  readonly analysis: JunjoRuns;
  readonly timeline: StoreTimeline;
  readonly t: StateTransition;
  readonly index: number;
  readonly top: number;
  readonly selected: boolean;
  readonly tied: boolean;
  readonly withStore: boolean;
  readonly onSelect: (tx: number) => void;
  readonly concurrent: string | undefined;
}

function Row({ analysis, timeline, t, index, top, selected, tied, withStore, onSelect, concurrent }: RowProps) {
  const crossing = crossStoreWrite(analysis, t);
  const replayed = t.step <= timeline.appliedCount;
  const noop = t.ops.length === 0 && t.patchError === null && t.patchMode === 'full';
  const revision = t.revisionBefore !== null || t.revisionAfter !== null ? `${t.revisionBefore ?? '?'} → ${t.revisionAfter ?? '?'}` : '—';
  return (
    <div
      id={rowId(timeline.storeId, index)}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`st-row${withStore ? '' : ' st-row-nostore'}${selected ? ' st-row-selected' : ''}${replayed ? '' : ' st-row-unreplayed'}`}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      onClick={() => onSelect(index)}
    >
      <span role="gridcell" className="st-num">{t.step}</span>
      {withStore && <span role="gridcell" className="st-cell-ellipsis" title={t.storeId}>{storeLabel(t, timeline)}</span>}
      <span role="gridcell" className="st-cell-ellipsis">
        <span className="mono">{t.action ?? 'set_state'}</span>
        {noop && <span className="st-tag">no-op</span>}
        {t.patchMode !== 'full' && <span className="st-tag st-tag-warn">{t.patchMode}</span>}
        {!replayed && <span className="st-tag st-tag-warn">not replayed</span>}
        {concurrent && <span className="st-tag st-tag-race" title={`Concurrent write: ${concurrent}`} aria-label={`concurrent write: ${concurrent}`}>concurrent write</span>}
      </span>
      <span role="gridcell" className="st-cell-ellipsis" title={`span "${t.spanName}"`}>
        {t.node?.label ?? t.spanName}
        {crossing && <span className="st-tag st-tag-sub" title={`Written by subflow ${crossing.subflowName} to this (parent) store`}>from subflow</span>}
      </span>
      <span role="gridcell" className="st-num" title={tied ? 'Same time as a neighbour: the order between them is approximate' : undefined}>
        {tied && <span aria-label="approximate order">≈ </span>}+{formatDuration(t.time)}
      </span>
      <span role="gridcell" className="st-num">{t.sequence ?? '—'}</span>
      <span role="gridcell" className="st-num">{revision}</span>
    </div>
  );
}
