import { navigateTo, getViewState } from '../../routes/use-view-state.ts';
import { emptyViewState } from '../../routes/view-state.ts';
import type { CompareSide } from '../../routes/compare-link.ts';

/** The header's way into the compare screen: the trace on screen (and its run) becomes A. */
export function CompareButton() {
  const open = () => {
    const state = getViewState();
    const { source } = state;
    const a: CompareSide | undefined =
      source.kind === 'sample' || source.kind === 'file' || source.kind === 'backend' ? { source, trace: state.trace, run: state.run } : state.compare?.a;
    navigateTo({ ...emptyViewState, compare: { a } }, 'push');
  };
  return (
    <button type="button" className="button small" onClick={open} title="Compare two runs side by side">
      Compare…
    </button>
  );
}
