import { useSearchDraft } from '../../routes/use-search-draft.ts';
import type { FlameLayoutMode } from '../../../core/trace/flame-layout.ts';
import { updateView } from '../../routes/use-view-state.ts';
import { countOf } from '../../ui/count-of.ts';

const modes: readonly { id: FlameLayoutMode; label: string; title: string }[] = [
  { id: 'spans', label: 'Spans', title: 'One frame per span' },
  { id: 'merged', label: 'Merged', title: 'Identical call paths combined, widest first (left-heavy)' },
  { id: 'critical', label: 'Critical path', title: 'Only the spans on the critical path' },
];

/** Mode switch, search (the same `q` the waterfall uses) and zoom out. */
export function FlameToolbar({ mode, zoomed, onZoomOut, matchedFrames }: { mode: FlameLayoutMode; zoomed: boolean; onZoomOut: () => void; matchedFrames: number | undefined }) {
  const [draft, setDraft] = useSearchDraft(200);

  return (
    <div className="fl-toolbar" role="toolbar" aria-label="Flame graph controls">
      <div role="group" aria-label="Flame mode" className="fl-modes">
        {modes.map((m) => (
          <button
            key={m.id}
            type="button"
            className="button small"
            aria-pressed={mode === m.id}
            title={m.title}
            onClick={() => updateView({ flame: m.id === 'spans' ? undefined : m.id, focus: undefined }, 'push')}
          >
            {m.label}
          </button>
        ))}
      </div>
      <input className="input fl-search" type="search" placeholder="Highlight spans" aria-label="Highlight spans by name, service or attribute" value={draft} onChange={(event) => setDraft(event.target.value)} />
      <span className="muted" aria-live="polite">
        {matchedFrames === undefined ? '' : matchedFrames === 0 ? 'No matches' : countOf(matchedFrames, 'matching frame')}
      </span>
      <span className="spacer" />
      <button type="button" className="button small" disabled={!zoomed} onClick={onZoomOut}>
        Zoom out (Esc)
      </button>
      <button type="button" className="button small" disabled={!zoomed} onClick={() => updateView({ focus: undefined }, 'push')}>
        Reset zoom
      </button>
    </div>
  );
}
