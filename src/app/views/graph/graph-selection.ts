/**
 * Which graph the view draws and which of its nodes the URL selection lights up. Pure.
 *
 * - `run` (span key of a workflow span) picks the top-level run; default: the first top-level run.
 * - `graph` (span key of a subflow span inside that run) shows the subflow's own graph instead;
 *   the trail from the top-level run down to it is the breadcrumb.
 * - `span` wins over `node`: the highlighted node is the nearest node span at or above the selected
 *   span (internals of an expanded subflow included), and the node that owns the span directly in
 *   this graph (owningNodeOf: a span inside a subflow gives the subflow container) is lit too.
 *   With no span selected, `node`/`iter` are used as they are.
 */
import { owningNodeOf, type JunjoRuns } from '../../../core/junjo/analyze-junjo.ts';
import type { RunLinks } from '../../../core/junjo/link-spans.ts';
import { topLevelRun } from '../../../core/junjo/workflow-runs.ts';
import type { Trace } from '../../../core/model/trace.ts';
import { spanIndexOf } from '../../data/span-keys.ts';

export interface GraphTarget {
  /** The top-level run the user picked (or the default one). */
  readonly topRun: number;
  /** The run whose graph is drawn: topRun, or a subflow run below it. */
  readonly run: number;
  /** Run indexes from topRun down to run (inclusive), for the breadcrumb. */
  readonly trail: readonly number[];
}

function runAtSpan(analysis: JunjoRuns, spanIndex: number): number {
  if (spanIndex < 0) return -1;
  return analysis.runs.findIndex((run) => run.spanIndex === spanIndex);
}

export function resolveGraphTarget(trace: Trace, analysis: JunjoRuns, runKey: string | undefined, graphKey: string | undefined): GraphTarget | null {
  const picked = runAtSpan(analysis, spanIndexOf(trace, runKey));
  const topRun = picked >= 0 ? topLevelRun(analysis.runs, picked) : (analysis.topLevelRuns[0] ?? -1);
  if (topRun < 0) return null;
  let run = picked >= 0 ? picked : topRun;
  const shown = runAtSpan(analysis, spanIndexOf(trace, graphKey));
  if (shown >= 0 && topLevelRun(analysis.runs, shown) === topRun) run = shown;
  const trail: number[] = [];
  for (let r = run, guard = 0; r >= 0 && guard <= analysis.runs.length; r = analysis.runs[r]?.parentRun ?? -1, guard++) {
    trail.unshift(r);
    if (r === topRun) break;
  }
  return { topRun, run, trail };
}

const ownerCache = new WeakMap<RunLinks, Map<number, string>>();

/** Span index → graph node id for every span linked in a run's graph, subflow internals included. */
function spanOwners(links: RunLinks): Map<number, string> {
  let owners = ownerCache.get(links);
  if (!owners) {
    owners = new Map();
    // Internals are listed after direct links; direct links win when a span appears twice.
    for (const [nodeId, spans] of Object.entries(links.nodeSpans)) for (const s of spans) if (!owners.has(s)) owners.set(s, nodeId);
    for (const [s, nodeId] of Object.entries(links.spanNode)) owners.set(Number(s), nodeId);
    ownerCache.set(links, owners);
  }
  return owners;
}

export interface GraphHighlight {
  /** The node to treat as selected (inspector, iteration picker), or null. */
  readonly nodeId: string | null;
  /** 1-based iteration of that node, or null when it did not run / is unknown. */
  readonly iteration: number | null;
  /** All node ids drawn as selected: the node, and the container owning the span directly. */
  readonly selectedIds: readonly string[];
}

const noHighlight: GraphHighlight = { nodeId: null, iteration: null, selectedIds: [] };

export function highlightFor(
  trace: Trace,
  analysis: JunjoRuns,
  runIndex: number,
  selection: { readonly span?: string; readonly node?: string; readonly iter?: number },
): GraphHighlight {
  const links = analysis.links[runIndex];
  const run = analysis.runs[runIndex];
  if (!links || !run?.graph.ok) return noHighlight;
  const spanIndex = spanIndexOf(trace, selection.span);
  if (spanIndex >= 0) {
    const owners = spanOwners(links);
    let nodeId: string | null = null;
    let iteration: number | null = null;
    for (let i = spanIndex, guard = 0; i >= 0 && guard <= trace.spans.length; i = trace.parent[i] ?? -1, guard++) {
      const owner = owners.get(i);
      if (owner !== undefined) {
        nodeId = owner;
        iteration = (links.nodeSpans[owner]?.indexOf(i) ?? -1) + 1 || null;
        break;
      }
      if (i === run.spanIndex) break;
    }
    const direct = owningNodeOf(trace, analysis, spanIndex, runIndex);
    const ids = [nodeId, direct?.nodeId].filter((id): id is string => id !== null && id !== undefined);
    if (nodeId === null && direct) return { nodeId: direct.nodeId, iteration: direct.iteration + 1, selectedIds: ids };
    return { nodeId, iteration, selectedIds: [...new Set(ids)] };
  }
  const node = selection.node;
  if (node === undefined || !run.graph.graph.nodes.some((n) => n.id === node)) return noHighlight;
  const count = links.nodeSpans[node]?.length ?? 0;
  const iteration = count === 0 ? null : Math.min(Math.max(selection.iter ?? 1, 1), count);
  return { nodeId: node, iteration, selectedIds: [node] };
}

/** The span that executed a node in a given 1-based iteration (the last one when out of range), or -1. */
export function spanOfIteration(links: RunLinks | undefined, nodeId: string, iteration: number): number {
  const spans = links?.nodeSpans[nodeId];
  if (!spans || spans.length === 0) return -1;
  return spans[Math.min(Math.max(iteration, 1), spans.length) - 1] ?? -1;
}
