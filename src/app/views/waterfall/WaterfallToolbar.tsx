import { useEffect, useRef } from 'react';
import { summarizeTrace } from '../../../core/trace/summarize-trace.ts';
import type { Trace } from '../../../core/model/trace.ts';
import { spanIndexOf } from '../../data/span-keys.ts';
import { selectSpan } from '../../routes/select-span.ts';
import { updateView, useViewState } from '../../routes/use-view-state.ts';
import { useSearchDraft } from '../../routes/use-search-draft.ts';
import { collapseToDepth, setCollapsed, setZoom } from './waterfall-actions.ts';
import type { WaterfallRows } from './use-waterfall-rows.ts';
import { AnalysisControls } from './AnalysisControls.tsx';

const FAILED_QUERY = 'status=error';

/** Search (with match count and next/previous), hide-unmatched, collapse controls, zoom reset. */
export function WaterfallToolbar({ trace, model, maxDepth }: { trace: Trace; model: WaterfallRows; maxDepth: number }) {
  const query = useViewState((state) => state.q);
  const hide = useViewState((state) => state.hideUnmatched);
  const depth = useViewState((state) => state.depth);
  const zoomed = useViewState((state) => state.zoom !== undefined);
  const selectedKey = useViewState((state) => state.span);
  const input = useRef<HTMLInputElement>(null);

  const [draft, setDraft] = useSearchDraft(150);

  // "/" focuses the search box from anywhere outside a text field.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.key !== '/' || target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const { matches } = model;
  // The trace's summary (kept per trace, computed before a large trace is shown) counts its failed spans.
  const hasFailures = summarizeTrace(trace).errorCount > 0;
  const failuresOnly = hide && query.trim().toLowerCase() === FAILED_QUERY;
  const selected = spanIndexOf(trace, selectedKey);
  const position = matches.indexOf(selected);
  const hasSubtree = selected >= 0 && (trace.children[selected]?.length ?? 0) > 0;

  const goToMatch = (step: 1 | -1) => {
    if (matches.length === 0) return;
    let next: number;
    if (position >= 0) next = (position + step + matches.length) % matches.length;
    else {
      const after = matches.findIndex((m) => m > selected);
      next = step === 1 ? Math.max(0, after) : after <= 0 ? matches.length - 1 : after - 1;
    }
    // A match inside a collapsed branch is revealed by the grid, as for any selection.
    selectSpan(trace, matches[next]!);
  };

  return (
    <div className="wf-toolbar" role="toolbar" aria-label="Waterfall controls">
      <input
        ref={input}
        className="input wf-search"
        type="search"
        placeholder="Search spans ( / )"
        aria-label="Search spans by name, service, attribute or span id"
        title="Name, service, attribute (key=value) or span id; or filters: status=error, kind=client, duration>100ms"
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            if (draft !== query) updateView({ q: draft }, 'replace');
            goToMatch(event.shiftKey ? -1 : 1);
          }
        }}
      />
      <span className="wf-match-count" aria-live="polite">
        {query.trim() === '' ? '' : matches.length === 0 ? 'No matches' : position >= 0 ? `${position + 1} of ${matches.length}` : `${matches.length} match${matches.length === 1 ? '' : 'es'}`}
      </span>
      <button type="button" className="button small" onClick={() => goToMatch(-1)} disabled={matches.length === 0} aria-label="Previous match">
        ↑
      </button>
      <button type="button" className="button small" onClick={() => goToMatch(1)} disabled={matches.length === 0} aria-label="Next match">
        ↓
      </button>
      <label className="wf-check">
        <input type="checkbox" checked={hide} onChange={(event) => updateView({ hideUnmatched: event.target.checked }, 'replace')} /> Only matches
      </label>
      {hasFailures && (
        <button
          type="button"
          className="button small"
          aria-pressed={failuresOnly}
          title="Show only the failed spans and the spans above them"
          onClick={() => {
            const next = failuresOnly ? { q: '', hideUnmatched: false } : { q: FAILED_QUERY, hideUnmatched: true };
            setDraft(next.q);
            updateView(next, 'replace');
          }}
        >
          Only failures
        </button>
      )}
      <span className="wf-sep" />
      <button type="button" className="button small" onClick={() => collapseToDepth(undefined)}>
        Expand all
      </button>
      <button type="button" className="button small" onClick={() => collapseToDepth(0)}>
        Collapse all
      </button>
      <label className="wf-check">
        Show{' '}
        <select className="input" value={depth ?? ''} onChange={(event) => collapseToDepth(event.target.value === '' ? undefined : Number(event.target.value))} aria-label="Show levels of the tree">
          <option value="">all levels</option>
          {Array.from({ length: Math.min(maxDepth + 1, 20) }, (_, d) => (
            <option key={d} value={d}>
              {d + 1} level{d === 0 ? '' : 's'}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button small" disabled={!hasSubtree} onClick={() => setCollapsed(trace, subtreeWithChildren(trace, selected), true)}>
        Collapse subtree
      </button>
      <button type="button" className="button small" disabled={!hasSubtree} onClick={() => setCollapsed(trace, subtreeWithChildren(trace, selected), false)}>
        Expand subtree
      </button>
      <AnalysisControls />
      <span className="spacer" />
      <button type="button" className="button small" disabled={selected < 0} onClick={() => setZoom(windowAround(trace, selected))} title="Show only the selected span's time range">
        Zoom to span
      </button>
      <button type="button" className="button small" disabled={!zoomed} onClick={() => setZoom(undefined)}>
        Reset zoom
      </button>
    </div>
  );
}

function subtreeWithChildren(trace: Trace, span: number): number[] {
  const out: number[] = [];
  const end = span + (trace.descendants[span] ?? 0) + 1;
  for (let i = span; i < end; i++) if ((trace.descendants[i] ?? 0) > 0) out.push(i);
  return out;
}

/** The selected span's time range with a little margin, as fractions of the trace. */
function windowAround(trace: Trace, span: number): readonly [number, number] | undefined {
  const duration = trace.duration || 1;
  const { start, end } = trace.spans[span]!;
  const margin = Math.max((end - start) * 0.05, duration * 1e-6);
  const from = Math.max(0, (start - margin) / duration);
  const to = Math.min(1, (end + margin) / duration);
  return to - from >= 1e-6 ? [from, to] : undefined;
}
