import { memo } from 'react';
import { barLabelPlacement } from './bar-label.ts';
import { eventMarks } from './event-marks.ts';
import type { Trace } from '../../../core/model/trace.ts';
import { formatDuration } from '../../../core/model/time.ts';
import { spanKey } from '../../data/span-keys.ts';
import { useViewState } from '../../routes/use-view-state.ts';
import { barFill, spanTypeLabel } from './span-colors.ts';
import { spanLook } from './span-look.ts';
import { indentPx, maxIndentLevels, nameGap, rowHeight, toggleWidth } from './layout.ts';
import { laneHeight, lanesHeight, type ConcurrentLanes } from './concurrent-lanes.ts';
import { countOf } from '../../ui/count-of.ts';
import { CriticalSegments } from './CriticalSegments.tsx';
import { formatTokens, llmModelOf, llmTokensOf } from '../../../core/trace/llm-call.ts';
import type { Span } from '../../../core/model/span.ts';

export interface SpanRowProps {
  readonly trace: Trace;
  readonly spanIndex: number;
  readonly rowIndex: number;
  readonly top: number;
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly collapsed: boolean;
  readonly isMatch: boolean;
  readonly outsideParent: boolean;
  /** Present on RunConcurrent spans: their children drawn as parallel lanes. */
  readonly lanes: ConcurrentLanes | undefined;
  readonly onToggle: (spanIndex: number) => void;
  readonly onSelect: (spanIndex: number) => void;
}

/** One span: tree cell and timeline cell. Re-renders only when its own props or selection change. */
export const SpanRow = memo(function SpanRow(props: SpanRowProps) {
  const { trace, spanIndex, rowIndex, top, windowStart, windowEnd, collapsed, isMatch } = props;
  const span = trace.spans[spanIndex]!;
  const key = spanKey(trace, spanIndex);
  const selected = useViewState((state) => state.span === key);
  const childCount = trace.children[spanIndex]?.length ?? 0;
  const depth = trace.depth[spanIndex] ?? 0;
  const isError = span.status.code === 'error';
  const width = windowEnd - windowStart || 1;
  const left = ((span.start - windowStart) / width) * 100;
  const barWidth = ((span.end - span.start) / width) * 100;
  const { type, color, cancelled } = spanLook(trace, spanIndex);
  const parent = trace.parent[spanIndex] ?? -1;
  const showService = parent < 0 || trace.spans[parent]!.resource.serviceName !== span.resource.serviceName;
  const height = rowHeight + lanesHeight(props.lanes);
  const deep = depth > maxIndentLevels;
  const label = barLabelPlacement(left, barWidth);
  const llm = llmLabel(span);
  const racePaths = props.lanes && props.lanes.raceCount > 0 ? props.lanes.racePaths.join(', ') : undefined;
  const raceTitle = racePaths !== undefined ? `State keys written by more than one concurrent branch: ${racePaths}` : undefined;

  return (
    <div
      role="row"
      id={`wf-row-${spanIndex}`}
      aria-rowindex={rowIndex + 1}
      aria-level={depth + 1}
      aria-expanded={childCount > 0 ? !collapsed : undefined}
      aria-selected={selected}
      className={`wf-row${selected ? ' selected' : ''}${isMatch ? ' match' : ''}${isError ? ' error' : ''}`}
      style={{ transform: `translateY(${top}px)`, height }}
      onClick={() => props.onSelect(spanIndex)}
      data-span-id={span.spanId}
    >
      <div role="gridcell" className="wf-name" style={{ paddingLeft: namePadding(depth, childCount > 0) }}>
        {deep && <span className="wf-type">depth {depth}</span>}
        {childCount > 0 ? (
          <button
            type="button"
            tabIndex={-1}
            className="wf-toggle"
            aria-label={collapsed ? `Expand ${span.name}` : `Collapse ${span.name}`}
            onClick={(event) => {
              event.stopPropagation();
              props.onToggle(spanIndex);
            }}
          >
            {collapsed ? '▸' : '▾'}
          </button>
        ) : (
          deep && <span className="wf-toggle-space" />
        )}
        <span className="wf-service-dot" style={{ background: color }} aria-hidden="true" />
        {isError && (
          <span className="wf-error-icon" role="img" aria-label="error">
            !
          </span>
        )}
        <span className="wf-label" title={`${span.resource.serviceName}: ${span.name}`}>
          {showService && <span className="wf-service">{span.resource.serviceName} </span>}
          {span.name}
        </span>
        {type && <span className="wf-type">{spanTypeLabel(type)}</span>}
        {cancelled && <span className="wf-type cancelled">cancelled</span>}
        {llm && <span className="wf-type wf-llm" title="LLM call: model, tokens in → out">{llm}</span>}
        {childCount > 0 && (
          <span className="wf-count" title={`${countOf(trace.descendants[spanIndex] ?? 0, 'span')} below`}>
            {trace.descendants[spanIndex]}
            <span className="visually-hidden">{trace.descendants[spanIndex] === 1 ? ' descendant' : ' descendants'}</span>
          </span>
        )}
        {props.outsideParent && (
          <span className="wf-warn" role="img" aria-label="starts before or ends after its parent" title="This span starts before or ends after its parent">
            ⚠
          </span>
        )}
      </div>
      <div role="gridcell" className="wf-timeline">
        <div
          className={`wf-bar${isError ? ' error' : ''}`}
          style={{ left: `${left}%`, width: `${barWidth}%`, background: isError ? color : barFill(color) }}
        />
        <CriticalSegments trace={trace} spanIndex={spanIndex} windowStart={windowStart} width={width} />
        {eventMarks(span.events, windowStart, width).map((mark) => (
          <span
            key={mark.first}
            className={`wf-event${mark.error ? ' error' : ''}`}
            style={{ left: `${mark.left}%` }}
            title={mark.count === 1 ? `${mark.name || '(event)'} at +${formatDuration(mark.time - span.start)}` : `${mark.count} events from +${formatDuration(mark.time - span.start)}`}
          />
        ))}
        {label && (
        <span className={`wf-duration${label.inside ? ' inside' : ''}`} style={label.style} title={raceTitle}>
          {formatDuration(span.end - span.start)}
          {props.lanes?.efficiency != null && <> · parallel efficiency {props.lanes.efficiency.toFixed(2)}×</>}
          {props.lanes && racePaths !== undefined && <span className="wf-race"> · {countOf(props.lanes.raceCount, 'possible race')}: {racePaths}</span>}
        </span>
        )}
        {props.lanes && <LaneBars lanes={props.lanes} windowStart={windowStart} width={width} />}
      </div>
    </div>
  );
});

/**
 * The name cell's left padding: the indentation, and for a leaf row the room its toggle would take
 * (18 px and the 4 px gap), so that a leaf draws no empty spacer element: each element in a row is
 * style, layout and paint work in every scroll frame that brings the row in. Rows past
 * `maxIndentLevels` keep the spacer, after their depth chip.
 */
function namePadding(depth: number, hasChildren: boolean): number {
  const indent = 6 + Math.min(depth, maxIndentLevels) * indentPx;
  return hasChildren || depth > maxIndentLevels ? indent : indent + toggleWidth + nameGap;
}

/** "gpt-4o · 97→52 tok" for an LLM span; undefined for other spans. */
function llmLabel(span: Span): string | undefined {
  const tokens = llmTokensOf(span);
  if (!tokens) return undefined;
  const model = llmModelOf(span, true);
  const count = tokens.input || tokens.output ? `${formatTokens(tokens.input)}→${formatTokens(tokens.output)} tok` : '';
  return [model, count].filter(Boolean).join(' · ') || undefined;
}

export function DetachedMarkerRow({ top, rowIndex, parentSpanId, reason }: { top: number; rowIndex: number; parentSpanId: string; reason: 'missing-parent' | 'parent-cycle' }) {
  return (
    <div role="row" aria-rowindex={rowIndex + 1} aria-level={1} className="wf-row wf-marker" style={{ transform: `translateY(${top}px)`, height: rowHeight }}>
      <div role="gridcell" className="wf-name">
        <span className="wf-marker-label">
          {reason === 'missing-parent' ? 'Parent not in trace' : 'Parent link cut (cycle)'}: <code>{parentSpanId}</code>
        </span>
      </div>
      <div role="gridcell" className="wf-timeline" />
    </div>
  );
}

/** The children of a RunConcurrent group as parallel lanes, with the window where all ran at once shaded. */
function LaneBars({ lanes, windowStart, width }: { lanes: ConcurrentLanes; windowStart: number; width: number }) {
  const x = (time: number) => `${((time - windowStart) / width) * 100}%`;
  return (
    <div className="wf-lanes" role="img" style={{ top: rowHeight - 2, height: lanes.laneCount * laneHeight + 4 }} aria-label={`${lanes.bars.length} concurrent children in ${lanes.laneCount} lanes`}>
      {lanes.overlap && (
        <div
          className="wf-overlap"
          style={{ left: x(lanes.overlap.start), width: `${((lanes.overlap.end - lanes.overlap.start) / width) * 100}%` }}
          title={`All children running at once for ${formatDuration(lanes.overlap.end - lanes.overlap.start)}`}
        />
      )}
      {lanes.bars.map((bar) => (
        <div
          key={bar.spanIndex}
          className={`wf-lane-bar${bar.failed ? ' error' : ''}`}
          style={{ left: x(bar.start), width: `max(2px, ${((bar.end - bar.start) / width) * 100}%)`, top: 2 + bar.lane * laneHeight }}
        />
      ))}
    </div>
  );
}
