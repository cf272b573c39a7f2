import type { StudioComparison } from '../../../core/junjo/studio-evidence.ts';
import { selectStore } from './state-actions.ts';
import { txOfStep } from './state-selection.ts';

const label: Record<StudioComparison['verdict'], string> = {
  agree: 'Junjo AI Studio agrees',
  disagree: 'Junjo AI Studio disagrees',
  'studio-unverified': 'Junjo AI Studio did not verify this store',
  'ours-missing': 'Junjo AI Studio verified a store the viewer could not replay',
};

/**
 * Junjo AI Studio's verified replay next to ours, for the store on screen (and a pointer to other
 * stores where the two disagree): plainly whether they agree, and where they first differ.
 */
export function StudioCheck({ comparisons, storeId, source, onGoTo }: {
  comparisons: readonly StudioComparison[];
  storeId: string;
  source: string;
  onGoTo: (tx: number | undefined) => void;
}) {
  const mine = comparisons.find((c) => c.storeId === storeId);
  const others = comparisons.filter((c) => c.storeId !== storeId && (c.verdict === 'disagree' || c.verdict === 'ours-missing'));
  if (mine === undefined && others.length === 0) return null;
  const tone = mine === undefined ? 'st-info' : mine.verdict === 'agree' ? 'st-agree' : mine.verdict === 'disagree' ? 'st-error' : 'st-warning';
  return (
    <div className={`st-notice st-studio ${tone}`} role={mine?.verdict === 'disagree' ? 'alert' : 'status'} aria-label="Comparison with Junjo AI Studio">
      {mine !== undefined && (
        <p>
          <span className="st-notice-label">{label[mine.verdict]}</span> <span className="muted">({source})</span>: {mine.message}
          {mine.verdict === 'disagree' && mine.step !== undefined && (
            <>
              {' '}
              <button type="button" className="button small" onClick={() => onGoTo(mine.step === 0 ? undefined : txOfStep(mine.step as number))}>
                {mine.step === 0 ? 'Go to the start state' : `Go to transition ${mine.step}`}
              </button>
            </>
          )}
        </p>
      )}
      {others.length > 0 && (
        <p>
          Junjo AI Studio disagrees about {others.length === 1 ? 'another store' : `${others.length} other stores`}:{' '}
          {others.map((c, i) => (
            <span key={c.storeId}>
              {i > 0 && ', '}
              <button type="button" className="link mono" onClick={() => selectStore(c.storeId)}>
                {c.storeId}
              </button>
            </span>
          ))}
        </p>
      )}
    </div>
  );
}
