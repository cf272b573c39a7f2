import { useMemo } from 'react';
import { useCompareInput } from '../../data/compare-loader.ts';
import { parseCompareSide, serializeCompareSide, type CompareSide } from '../../routes/compare-link.ts';
import { updateView, useViewState } from '../../routes/use-view-state.ts';
import { CompareResult } from './CompareResult.tsx';
import { SidePanel } from './SidePanel.tsx';
import type { Resolved } from './compare-actions.ts';
import { pickChoice, runChoices } from './run-choices.ts';
import './compare.css';

/** One side's URL text, so a selector returns a string (stable across unrelated URL changes). */
const sideText = (side: CompareSide | undefined): string => (side ? serializeCompareSide(side) : '');


function useResolvedSide(text: string): Resolved {
  const side = useMemo(() => parseCompareSide(text), [text]);
  const input = useCompareInput(side?.source);
  return useMemo(() => {
    if (!side || input?.status !== 'loaded') return { side, input, choices: [] };
    const choices = runChoices(input.traces);
    const picked = pickChoice(choices, side);
    return { side, input, choices, choice: picked.choice, note: picked.note };
  }, [side, input]);
}

/** The compare screen (`/compare?a=…&b=…`): pick two runs, then see how they differ. */
export function CompareScreen() {
  const aText = useViewState((state) => sideText(state.compare?.a));
  const bText = useViewState((state) => sideText(state.compare?.b));
  const a = useResolvedSide(aText);
  const b = useResolvedSide(bText);
  const swap = () => updateView({ compare: { a: b.side, b: a.side } }, 'push');

  return (
    <div className="compare-screen">
      <div className="cmp-head">
        <h1 className="cmp-title">Compare two runs</h1>
        <button type="button" className="button small" onClick={swap} disabled={!a.side && !b.side}>
          Swap A and B
        </button>
      </div>
      <div className="cmp-sides">
        <SidePanel which="a" resolved={a} other={b.choice} />
        <SidePanel which="b" resolved={b} other={a.choice} otherSide={a.side} otherChoices={a.choices} />
      </div>
      {a.choice && b.choice ? (
        <CompareResult a={a.choice} b={b.choice} />
      ) : (
        <p className="cmp-hint muted">{!a.side || !b.side ? 'Choose a run for A and one for B: a sample, a file, a run from a source, or another run of the same trace.' : 'Reading the runs…'}</p>
      )}
    </div>
  );
}
