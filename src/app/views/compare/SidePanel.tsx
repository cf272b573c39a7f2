import { useState } from 'react';
import { findPreviousRun } from '../../data/compare-previous.ts';
import { keepCompareFile } from '../../data/compare-loader.ts';
import { useSources } from '../../data/use-sources.ts';
import { compareSideLabel, type CompareSide } from '../../routes/compare-link.ts';
import { setCompareSide, type Resolved } from './compare-actions.ts';
import { SourceChooser } from './SourceChooser.tsx';
import { sideFor, type RunChoice } from './run-choices.ts';

const sideName = { a: 'A', b: 'B' } as const;

/** One side of the comparison: what is chosen (and its run), or the chooser. */
export function SidePanel({ which, resolved, other, otherSide, otherChoices = [] }: { which: 'a' | 'b'; resolved: Resolved; other?: RunChoice; otherSide?: CompareSide; otherChoices?: readonly RunChoice[] }) {
  const { side, input, choices, choice, note } = resolved;
  const headingId = `cmp-side-${which}`;
  return (
    <section className={`cmp-side cmp-side-${which}`} aria-labelledby={headingId}>
      <h2 id={headingId} className="cmp-side-title">
        <span className={`cmp-badge cmp-badge-${which}`}>{sideName[which]}</span>
        {side ? <span className="cmp-side-name">{compareSideLabel(side)}</span> : <span className="muted">Choose a run</span>}
        {side && (
          <button type="button" className="button small" onClick={() => setCompareSide(which, undefined)}>
            Change
          </button>
        )}
      </h2>
      {!side && (
        <>
          {which === 'b' && other && otherSide && <PreviousRunButton other={other} otherSide={otherSide} otherChoices={otherChoices} />}
          <SourceChooser which={which} />
        </>
      )}
      {side && input?.status === 'loading' && (
        <p className="muted" role="status">
          {input.phase}…
        </p>
      )}
      {side && input?.status === 'error' && (
        <div className="cmp-problem" role="alert">
          <p>{input.error.message}</p>
          <p className="muted">{input.error.hint}</p>
        </div>
      )}
      {side && input?.status === 'missing-file' && <MissingFile name={input.name} />}
      {side && choice && (
        <>
          {choices.length > 1 ? (
            <label className="cmp-run-pick">
              <span>Run</span>
              <select className="input" value={choice.key} onChange={(event) => {
                const next = choices.find((c) => c.key === event.target.value);
                if (next) setCompareSide(which, sideFor(side, next, choices));
              }}>
                {choices.map((c) => (
                  <option key={c.key} value={c.key}>
                    {c.label}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <p className="cmp-run-one">{choice.label}</p>
          )}
          {note && <p className="cmp-note">{note}</p>}
          {other && other.key === choice.key && side && <p className="cmp-note">A and B are the same run.</p>}
        </>
      )}
      {side && input?.status === 'loaded' && choices.length === 0 && <p className="cmp-problem">This input holds no spans to compare.</p>}
    </section>
  );
}

function MissingFile({ name }: { name: string }) {
  return (
    <div className="cmp-problem" role="alert">
      <p>
        The file <strong>{name}</strong> was opened in an earlier visit of this page; a browser cannot read it again without you.
      </p>
      <label className="button small">
        Open {name} again…
        <input type="file" className="visually-hidden" onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) keepCompareFile(name, file);
        }} />
      </label>
    </div>
  );
}

/** "This run vs the previous run of the same workflow": in A's own input first, then in A's source. */
function PreviousRunButton({ other, otherSide, otherChoices }: { other: RunChoice; otherSide: CompareSide; otherChoices: readonly RunChoice[] }) {
  const { sources } = useSources();
  const [status, setStatus] = useState<string>('');
  const source = otherSide.source;
  const sourceKind = source.kind === 'backend' ? sources.find((s) => s.name === source.source)?.kind : undefined;
  const find = async () => {
    const before = earlierInSameInput(other, otherChoices);
    if (before) {
      setCompareSide('b', sideFor(otherSide, before, otherChoices));
      return;
    }
    if (source.kind !== 'backend' || sourceKind === undefined) {
      setStatus(`No earlier run of ${other.name} in this input; a file or sample has no history to search.`);
      return;
    }
    setStatus(`Searching ${source.source}…`);
    try {
      const span = other.runIndex !== undefined && other.analysis ? other.trace.spans[other.analysis.runs[other.runIndex]?.spanIndex ?? -1] : undefined;
      const traceId = await findPreviousRun(source.source, sourceKind, {
        traceId: source.traceId,
        workflowName: other.name,
        service: span?.resource.serviceName ?? null,
        startNs: other.trace.startNs,
      });
      if (traceId) setCompareSide('b', { source: { kind: 'backend', source: source.source, traceId } });
      else setStatus(`${source.source} lists no earlier run of ${other.name}.`);
    } catch (error) {
      setStatus(`The search failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return (
    <div className="cmp-previous">
      <button type="button" className="button" onClick={() => void find()}>
        Previous run of {other.name}
      </button>
      {status && (
        <p className="muted" role="status">
          {status}
        </p>
      )}
    </div>
  );
}

const absoluteStart = (choice: RunChoice): bigint => choice.trace.startNs + BigInt(Math.round(choice.start));

/** The latest run of the same workflow that started before `run`, among the runs of its own input. */
function earlierInSameInput(run: RunChoice, choices: readonly RunChoice[]): RunChoice | undefined {
  const start = absoluteStart(run);
  let best: RunChoice | undefined;
  for (const choice of choices) {
    if (choice.key === run.key || choice.name !== run.name || absoluteStart(choice) >= start) continue;
    if (!best || absoluteStart(choice) > absoluteStart(best)) best = choice;
  }
  return best;
}
