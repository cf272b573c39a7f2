/**
 * Maps a laid-out workflow graph and its path taken to React Flow nodes and edges. Pure.
 * Node data stays small (label, kind, status, count, duration text); selection is applied afterwards
 * by `applySelection`, which copies only the nodes whose flag changes so the other memoized node
 * components do not re-render. Containers come before their members, as React Flow requires.
 */
import { MarkerType, Position, type Edge, type Node } from '@xyflow/react';
import { resolveContainers, type LayoutDirection } from '../../core/junjo/graph-layout-input.ts';
import type { GraphNodeKind, WorkflowGraph } from '../../core/junjo/graph-model.ts';
import type { NodeRunStatus, PathTaken } from '../../core/junjo/path-taken.ts';
import { formatDuration } from '../../core/model/time.ts';
import { formatTokens } from '../../core/trace/llm-call.ts';
import type { EdgeRoute, GraphLayout } from './layout-result.ts';

/** How a node is drawn: its run status, or `unlinked` for a v1 subflow internal no span can match. */
export type DisplayStatus = NodeRunStatus | 'unlinked';

export type StepNodeData = {
  readonly label: string;
  readonly type: string;
  readonly kind: GraphNodeKind;
  readonly status: DisplayStatus;
  readonly runCount: number;
  /** Total duration over all runs, formatted; empty when the node did not run. */
  readonly duration: string;
  /** Span key of the subflow span whose own graph the container can open. */
  readonly openGraph?: string;
  /** While the critical path is shown (critical-overlay.ts): on the path, and the slack in ns. */
  readonly critical?: boolean;
  readonly slack?: number;
  /** LLM tokens (in + out) of the node's spans, formatted ("1.2k"); absent when none. */
  readonly tokens?: string;
  /** State keys its concurrent branches both wrote (RunConcurrent groups only). */
  readonly races?: readonly string[];
  /** Extra lines under the status line, from a view's overlay (e.g. figures across runs). */
  readonly notes?: readonly string[];
};

export type FlowNode = Node<StepNodeData, 'step' | 'container'>;
export type FlowEdge = Edge<{ readonly taken: number; readonly route?: EdgeRoute }>;

export interface FlowInput {
  readonly graph: WorkflowGraph;
  readonly layout: GraphLayout;
  readonly path: PathTaken | undefined;
  readonly direction: LayoutDirection;
  /** Subflow node id → span key of its subflow run (only subflows whose graph can be opened). */
  readonly openGraphs?: Readonly<Record<string, string>>;
  /** Nodes that cannot be linked to spans in this graph (drawn as unknown, not as not-run). */
  readonly unlinkedIds?: readonly string[];
  /** Node id → LLM tokens (in + out) of its spans. */
  readonly tokensByNode?: Readonly<Record<string, number>>;
  /** Node id → state keys written by more than one of its concurrent branches. */
  readonly racesByNode?: Readonly<Record<string, readonly string[]>>;
}

const kindWord: Record<GraphNodeKind, string> = { node: 'node', run_concurrent: 'RunConcurrent group', subflow: 'subflow' };

export const statusWord: Record<DisplayStatus, string> = {
  ok: 'ran',
  error: 'failed',
  cancelled: 'cancelled',
  'not-run': 'did not run',
  unlinked: 'not linked (see subflow)',
};

function nodeAriaLabel(data: StepNodeData): string {
  const what = `${data.label}, ${kindWord[data.kind]}`;
  if (data.status === 'not-run' || data.status === 'unlinked') return `${what}: ${statusWord[data.status]}`;
  const times = data.runCount === 1 ? 'once' : `${data.runCount} times`;
  const extra = `${data.tokens ? `, ${data.tokens} LLM tokens` : ''}${data.races ? `, concurrent branches both wrote ${data.races.join(', ')}` : ''}`;
  return `${what}: ${statusWord[data.status]}, ran ${times}, total ${data.duration}${extra}`;
}

export function buildFlow({ graph, layout, path, direction, openGraphs = {}, unlinkedIds = [], tokensByNode = {}, racesByNode = {} }: FlowInput): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const containers = resolveContainers(graph);
  const stats = new Map((path?.nodeStats ?? []).map((s) => [s.nodeId, s]));
  const hasMembers = new Set([...containers.values()].filter((c): c is string => c !== null));
  const depth = (id: string): number => {
    let d = 0;
    for (let up = containers.get(id) ?? null; up !== null && d < 64; up = containers.get(up) ?? null) d++;
    return d;
  };
  const ordered = graph.nodes.map((node, order) => ({ node, order, depth: depth(node.id) })).sort((a, b) => a.depth - b.depth || a.order - b.order);
  const horizontal = direction === 'RIGHT';
  const unlinked = new Set(unlinkedIds);

  const nodes: FlowNode[] = [];
  for (const { node } of ordered) {
    const box = layout.boxes[node.id];
    if (!box) continue;
    const stat = stats.get(node.id);
    const runCount = stat?.runCount ?? 0;
    const status: DisplayStatus = runCount === 0 && unlinked.has(node.id) ? 'unlinked' : (stat?.status ?? 'not-run');
    const open = node.kind === 'subflow' ? openGraphs[node.id] : undefined;
    const data: StepNodeData = {
      label: node.label,
      type: node.type,
      kind: node.kind,
      status,
      runCount,
      duration: runCount > 0 ? formatDuration(stat?.totalDuration ?? 0) : '',
      ...(open ? { openGraph: open } : {}),
      ...(tokensByNode[node.id] ? { tokens: formatTokens(tokensByNode[node.id]!) } : {}),
      ...(racesByNode[node.id]?.length ? { races: racesByNode[node.id] } : {}),
    };
    const isContainer = hasMembers.has(node.id);
    const parentId = containers.get(node.id) ?? undefined;
    nodes.push({
      id: node.id,
      type: isContainer ? 'container' : 'step',
      position: { x: box.x, y: box.y },
      width: box.width,
      height: box.height,
      ...(parentId ? { parentId } : {}),
      data,
      className: nodeClassName(data, isContainer),
      ariaLabel: nodeAriaLabel(data),
      ariaRole: 'button',
      sourcePosition: horizontal ? Position.Right : Position.Bottom,
      targetPosition: horizontal ? Position.Left : Position.Top,
      draggable: false,
      connectable: false,
      selected: false,
    });
  }

  const present = new Set(nodes.map((n) => n.id));
  const traversals = path?.edgeTraversals ?? {};
  const edges: FlowEdge[] = graph.edges
    .filter((edge) => present.has(edge.source) && present.has(edge.target))
    .map((edge): FlowEdge => {
      const taken = traversals[edge.id] ?? 0;
      const label = edgeLabelText(edge.condition, taken);
      const route = layout.edges?.[edge.id];
      const type = route && route.points.length >= 2 ? 'routed' : edge.source === edge.target ? 'loop' : undefined;
      return {
        id: edge.id,
        source: edge.source,
        target: edge.target,
        ...(type ? { type } : {}),
        ...(label ? { label } : {}),
        data: type === 'routed' ? { taken, route } : { taken },
        className: taken > 0 ? 'gf-edge is-taken' : 'gf-edge is-untaken',
        markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: taken > 0 ? 'var(--gf-edge-taken)' : 'var(--gf-edge)' },
        focusable: false,
        selectable: false,
      };
    });
  return { nodes, edges };
}

/** The text on an edge: its condition and, when it was taken more than once, ×N. */
export function edgeLabelText(condition: string | null, taken: number): string {
  return [condition ?? '', taken > 1 ? `×${taken}` : ''].filter(Boolean).join(' ');
}

/** Edge id → the text drawn on it, for the layout to leave room for (edges without text left out). */
export function edgeLabels(graph: WorkflowGraph, path: PathTaken | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const edge of graph.edges) {
    const text = edgeLabelText(edge.condition, path?.edgeTraversals[edge.id] ?? 0);
    if (text) out[edge.id] = text;
  }
  return out;
}

function nodeClassName(data: StepNodeData, isContainer: boolean): string {
  const classes = ['gf-node', `gf-status-${data.status}`, `gf-kind-${data.kind}`];
  if (isContainer) classes.push('gf-container');
  if (data.status === 'not-run' || data.status === 'unlinked') classes.push('is-dimmed');
  if (data.runCount > 1) classes.push('is-repeated');
  return classes.join(' ');
}

/**
 * Marks the selected nodes (`selected`, and aria-current for assistive tech); nodes whose flag does
 * not change keep their identity.
 */
export function applySelection<T extends Node>(nodes: readonly T[], selectedIds: readonly string[]): T[] {
  const selected = new Set(selectedIds);
  return nodes.map((node) => {
    const want = selected.has(node.id);
    if ((node.selected ?? false) === want) return node;
    const { 'aria-current': _, ...rest } = node.domAttributes ?? {};
    return { ...node, selected: want, domAttributes: want ? { ...rest, 'aria-current': 'true' as const } : rest };
  });
}

/**
 * Roving tabindex: only `tabId` is a Tab stop (tabIndex 0), every other node is focusable by
 * script only (-1), so the graph is one stop in the page's Tab order and arrow keys move inside it.
 * Nodes whose tabIndex does not change keep their identity.
 */
export function applyTabStop<T extends Node>(nodes: readonly T[], tabId: string | null): T[] {
  return nodes.map((node) => {
    const want = node.id === tabId ? 0 : -1;
    if (node.domAttributes?.tabIndex === want) return node;
    return { ...node, domAttributes: { ...node.domAttributes, tabIndex: want } };
  });
}
