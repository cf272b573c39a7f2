/**
 * The runs a loaded input offers for one side of a comparison: each top-level Junjo workflow run of
 * each trace, or the whole trace when it has none (a plain trace). A side in the URL names its trace
 * and run by id; `pickChoice` finds it, or falls back to the first with a note.
 */
import type { JunjoFound } from '../../../core/junjo/analyze-junjo.ts';
import { formatDuration } from '../../../core/model/time.ts';
import type { Trace } from '../../../core/model/trace.ts';
import type { ComparedTrace } from '../../data/compare-loader.ts';
import type { CompareSide } from '../../routes/compare-link.ts';

export interface RunChoice {
  readonly key: string;
  readonly trace: Trace;
  readonly traceId: string;
  readonly analysis?: JunjoFound;
  /** Undefined for a whole plain trace. */
  readonly runIndex?: number;
  readonly runSpanId?: string;
  /** Workflow name, or the root span's name. */
  readonly name: string;
  /** ns from the trace start, of the run's span (0 for a whole trace). */
  readonly start: number;
  readonly label: string;
}

export function runChoices(traces: readonly ComparedTrace[]): RunChoice[] {
  const choices: RunChoice[] = [];
  for (const { trace, junjo } of traces) {
    const analysis = junjo.kind === 'junjo' ? junjo : undefined;
    const runs = analysis?.topLevelRuns ?? [];
    const several = traces.length > 1;
    const tracePart = several ? ` · trace ${trace.traceId.slice(0, 8)}` : '';
    if (analysis && runs.length > 0) {
      runs.forEach((runIndex, position) => {
        const run = analysis.runs[runIndex];
        const span = run ? trace.spans[run.spanIndex] : undefined;
        if (!run || !span) return;
        const counter = runs.length > 1 ? ` · run ${position + 1} of ${runs.length}` : '';
        choices.push({
          key: `${trace.traceId}#${span.spanId}`,
          trace,
          traceId: trace.traceId,
          analysis,
          runIndex,
          runSpanId: span.spanId,
          name: run.name,
          start: span.start,
          label: `${run.name}${counter}${tracePart} · ${formatDuration(span.end - span.start)} · ${run.status}`,
        });
      });
    } else {
      const root = trace.spans[trace.roots[0] ?? 0];
      const name = root?.name ?? 'trace';
      choices.push({ key: trace.traceId, trace, traceId: trace.traceId, name, start: 0, label: `${name}${tracePart} · ${formatDuration(trace.duration)} · ${trace.spans.length} spans` });
    }
  }
  return choices;
}

export interface PickedChoice {
  readonly choice?: RunChoice;
  /** Why the URL's trace or run was not used. */
  readonly note?: string;
}

export function pickChoice(choices: readonly RunChoice[], side: CompareSide): PickedChoice {
  const inTrace = side.trace ? choices.filter((choice) => choice.traceId === side.trace) : choices;
  if (side.trace && inTrace.length === 0) return { choice: choices[0], note: `The trace ${side.trace} is not in this input; showing the first run instead.` };
  if (!side.run) return { choice: inTrace[0] };
  const exact = inTrace.find((choice) => choice.runSpanId === side.run);
  if (exact) return { choice: exact };
  return { choice: inTrace[0], note: `The run ${side.run} is not in this trace; showing the first run instead.` };
}

/** The side of a URL for a choice: the trace id only when the input holds several traces. */
export function sideFor(side: CompareSide, choice: RunChoice, choices: readonly RunChoice[]): CompareSide {
  const severalTraces = new Set(choices.map((c) => c.traceId)).size > 1;
  const severalRuns = choices.filter((c) => c.traceId === choice.traceId).length > 1;
  return { source: side.source, trace: severalTraces ? choice.traceId : undefined, run: severalRuns || choice.runSpanId !== undefined ? choice.runSpanId : undefined };
}
