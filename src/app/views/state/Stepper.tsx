import { moveTx, stepOfTx } from './state-selection.ts';
import { countOf } from '../../ui/count-of.ts';

export interface StepperProps {
  readonly tx: number | undefined;
  readonly count: number;
  readonly onSelect: (tx: number | undefined) => void;
}

/** Previous/next buttons and a slider over the transitions (0 on the slider = the start state). */
export function Stepper({ tx, count, onSelect }: StepperProps) {
  const step = tx === undefined ? 0 : stepOfTx(tx);
  return (
    <div className="st-stepper" role="group" aria-label="Step through transitions">
      <button type="button" className="button small" disabled={count === 0 || tx === 0} onClick={() => onSelect(moveTx(tx, -1, count))} aria-keyshortcuts="ArrowLeft k">
        ← Previous
      </button>
      <input
        type="range"
        className="st-slider"
        min={0}
        max={count}
        value={step}
        disabled={count === 0}
        aria-label="Transition"
        aria-valuetext={step === 0 ? 'Start state, no transition selected' : `Transition ${step} of ${count}`}
        onChange={(event) => {
          const value = Number(event.target.value);
          onSelect(value === 0 ? undefined : value - 1);
        }}
      />
      <button type="button" className="button small" disabled={count === 0 || tx === count - 1} onClick={() => onSelect(moveTx(tx, 1, count))} aria-keyshortcuts="ArrowRight j">
        Next →
      </button>
      <span className="st-step-label" aria-live="polite">
        {step === 0 ? `Start · ${countOf(count, 'transition')}` : `Transition ${step} of ${count}`}
      </span>
      <span className="muted st-hint">← → or j k to step</span>
    </div>
  );
}
