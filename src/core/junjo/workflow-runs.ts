/**
 * Finds the Junjo workflow runs of a trace. Every workflow/subflow (W/S) span becomes a run; a run with
 * no W/S ancestor is top-level (a trace can hold several, under any non-Junjo parents); subflows nest
 * under the run that encloses them. Each Junjo span is owned by its nearest W/S ancestor; ordinary
 * spans (HTTP above, LLM below) are left alone. Relies on `trace.spans` being in pre-order.
 */
import { stringAttr } from '../model/attributes.ts';
import type { Span } from '../model/span.ts';
import type { Trace } from '../model/trace.ts';
import { detectGeneration, type Generation } from './generation.ts';
import type { GraphParseResult } from './graph-model.ts';
import { isGraphNodeType, isRunType, K, spanOutcome, spanTypesOf, type RunStatus } from './junjo-attrs.ts';
import { parseGraphV1 } from './parse-graph-v1.ts';
import { parseGraphV2 } from './parse-graph-v2.ts';

export interface WorkflowRun {
  /** Position in the runs array. */
  readonly index: number;
  readonly spanIndex: number;
  readonly kind: 'workflow' | 'subflow';
  readonly name: string;
  /** Best guess when the span carries no generation markers (see `warnings`). */
  readonly generation: Generation;
  /** Enclosing run, -1 for a top-level run. */
  readonly parentRun: number;
  readonly childRuns: readonly number[];
  readonly graph: GraphParseResult;
  readonly storeId: string | null;
  readonly parentStoreId: string | null;
  /** Junjo node/RC/subflow/NodeGather spans whose nearest W/S ancestor is this run, in pre-order. */
  readonly nodeSpans: readonly number[];
  readonly status: RunStatus;
  readonly warnings: readonly string[];
}

export interface JunjoSpanIndex {
  /** Per span: the run owning it (nearest W/S ancestor, or itself for a W/S span's children), -1 if none. */
  readonly ownerRun: readonly number[];
  /** Per span: the nearest ancestor that carries junjo.span_type, -1 if none. */
  readonly junjoParent: readonly number[];
}

export interface WorkflowRuns {
  readonly runs: readonly WorkflowRun[];
  readonly index: JunjoSpanIndex;
}

/**
 * Parsed graphs by their attribute text: every run of a workflow carries the same text, so reading
 * many runs (one workflow across runs) parses it once. Results are read-only, so they can be shared;
 * the cache keeps the last few texts only.
 */
const parsedGraphs = new Map<string, GraphParseResult>();
const maxParsedGraphs = 32;

function parseCached(text: string, parse: (text: string) => GraphParseResult): GraphParseResult {
  let parsed = parsedGraphs.get(text);
  if (parsed === undefined) {
    parsed = parse(text);
    if (parsedGraphs.size >= maxParsedGraphs) parsedGraphs.delete(parsedGraphs.keys().next().value as string);
    parsedGraphs.set(text, parsed);
  }
  return parsed;
}

/** Reads the graph attribute of a W/S span: the v2 snapshot when present, else the v1 structure. */
export function graphOfSpan(span: Span): GraphParseResult {
  const v2 = stringAttr(span.attributes, K.graphV2);
  if (v2 !== undefined) return parseCached(v2, parseGraphV2);
  const v1 = stringAttr(span.attributes, K.graphV1);
  if (v1 !== undefined) return parseCached(v1, parseGraphV1);
  return { ok: false, error: { kind: 'missing', message: `"${span.name}" carries no graph attribute` } };
}

export function findWorkflowRuns(trace: Trace): WorkflowRuns {
  const n = trace.spans.length;
  const runOfSpan = new Array<number>(n).fill(-1);
  const ownerRun = new Array<number>(n).fill(-1);
  const junjoParent = new Array<number>(n).fill(-1);
  const runSpans: number[] = [];
  const types = spanTypesOf(trace.spans);
  for (let i = 0; i < n; i++) {
    const parent = trace.parent[i] ?? -1;
    if (parent >= 0) {
      ownerRun[i] = runOfSpan[parent] !== -1 ? (runOfSpan[parent] as number) : (ownerRun[parent] as number);
      junjoParent[i] = types[parent] !== undefined ? parent : (junjoParent[parent] as number);
    }
    if (isRunType(types[i])) {
      runOfSpan[i] = runSpans.length;
      runSpans.push(i);
    }
  }
  const childRuns: number[][] = runSpans.map(() => []);
  const nodeSpans: number[][] = runSpans.map(() => []);
  for (let i = 0; i < n; i++) {
    const owner = ownerRun[i] as number;
    if (owner < 0) continue;
    const type = types[i];
    if (type === undefined) continue;
    if (isRunType(type)) childRuns[owner]?.push(runOfSpan[i] as number);
    if (isGraphNodeType(type)) nodeSpans[owner]?.push(i);
  }
  const runs = runSpans.map((spanIndex, index): WorkflowRun => {
    const span = trace.spans[spanIndex] as Span;
    const warnings: string[] = [];
    const detected = detectGeneration(trace, spanIndex);
    if (!detected.known) warnings.push(`${detected.message}; read as G1`);
    return {
      index,
      spanIndex,
      kind: types[spanIndex] === 'subflow' ? 'subflow' : 'workflow',
      name: span.name,
      generation: detected.known ? detected.generation : 'G1',
      parentRun: ownerRun[spanIndex] as number,
      childRuns: childRuns[index] ?? [],
      graph: graphOfSpan(span),
      storeId: stringAttr(span.attributes, K.storeId) ?? null,
      parentStoreId: stringAttr(span.attributes, K.parentStoreId) ?? null,
      nodeSpans: nodeSpans[index] ?? [],
      status: spanOutcome(span),
      warnings,
    };
  });
  return { runs, index: { ownerRun, junjoParent } };
}

/** The top-level run that contains a run (itself when top-level). */
export function topLevelRun(runs: readonly WorkflowRun[], runIndex: number): number {
  let current = runIndex;
  for (let guard = 0; guard < runs.length; guard++) {
    const parent = runs[current]?.parentRun ?? -1;
    if (parent < 0) return current;
    current = parent;
  }
  return current;
}
