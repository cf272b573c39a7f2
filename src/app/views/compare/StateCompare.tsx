import type { JsonValue } from '../../../core/junjo/json-value.ts';
import type { StateComparison } from '../../../core/compare/state-divergence.ts';

/** A state value as one line of text (React text, never HTML), cut when long. */
function valueText(value: JsonValue): string {
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

/** The two runs' states: where they first part ways, and the end state of A against B's. */
export function StateCompare({ state }: { state: StateComparison }) {
  return (
    <section className="cmp-section" aria-labelledby="cmp-state-title">
      <h2 id="cmp-state-title">State</h2>
      {state.kind === 'unavailable' ? (
        <p className="muted">The states cannot be compared: {state.reason}.</p>
      ) : (
        <>
          <p className="cmp-divergence" data-testid="cmp-divergence">
            {state.divergence ? state.divergence.message : `The states agree at every one of the ${state.stepsA} transitions.`}
          </p>
          <p className="muted">
            A made {state.stepsA} transition{state.stepsA === 1 ? '' : 's'}, B {state.stepsB}.{state.partial ? ' One replay stopped early: only its replayed part is compared.' : ''}
          </p>
          <h3>End state, A against B</h3>
          {state.endDiff.changes.length === 0 ? (
            <p className="muted">The end states are the same.</p>
          ) : (
            <div className="cmp-scroll">
              <table className="cmp-table cmp-state-table">
                <thead>
                  <tr>
                    <th scope="col">Key path</th>
                    <th scope="col">A</th>
                    <th scope="col">B</th>
                  </tr>
                </thead>
                <tbody>
                  {state.endDiff.changes.map((change) => (
                    <tr key={change.pointer} data-kind={change.kind}>
                      <th scope="row" className="cmp-mono">{change.pointer || '/'}</th>
                      <td className="cmp-mono">{change.kind === 'added' ? <span className="muted">absent</span> : valueText(change.before)}</td>
                      <td className="cmp-mono">{change.kind === 'removed' ? <span className="muted">absent</span> : valueText(change.after)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {state.endDiff.truncated && <p className="muted">More differences were left out.</p>}
            </div>
          )}
        </>
      )}
    </section>
  );
}
