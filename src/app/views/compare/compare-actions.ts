/** What the compare screen writes: a side of the comparison, in the URL. */
import type { CompareInput } from '../../data/compare-loader.ts';
import type { CompareRef, CompareSide } from '../../routes/compare-link.ts';
import { updateView } from '../../routes/use-view-state.ts';
import type { RunChoice } from './run-choices.ts';

export function setCompareSide(which: 'a' | 'b', side: CompareSide | undefined): void {
  updateView((state) => ({ compare: { ...(state.compare ?? {}), [which]: side } as CompareRef }), 'push');
}

/** A side as the screen holds it: the URL's side, its input, its runs and the one chosen. */
export interface Resolved {
  readonly side?: CompareSide;
  readonly input?: CompareInput;
  readonly choices: readonly RunChoice[];
  readonly choice?: RunChoice;
  readonly note?: string;
}
