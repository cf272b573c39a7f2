import { useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import { getViewState, updateView, useViewState } from './use-view-state.ts';

/**
 * A search box's text, bound to the URL's `q`: the box edits a draft that follows `q` whenever
 * that changes (Back, a link, another view's box), and the draft is written back to the URL
 * `delayMs` after the last keystroke. The draft is adjusted during render, not in an effect, so
 * no stale frame shows.
 */
export function useSearchDraft(delayMs: number): [string, Dispatch<SetStateAction<string>>] {
  const query = useViewState((state) => state.q);
  const [draft, setDraft] = useState(query);
  const [draftFor, setDraftFor] = useState(query);
  if (draftFor !== query) {
    setDraftFor(query);
    setDraft(query);
  }
  useEffect(() => {
    if (draft === getViewState().q) return;
    const timer = window.setTimeout(() => updateView({ q: draft }, 'replace'), delayMs);
    return () => window.clearTimeout(timer);
  }, [draft, delayMs]);
  return [draft, setDraft];
}
