/**
 * Turns a WorkflowGraph into the JSON graph that ELK's layered algorithm lays out (elkjs), without
 * importing elkjs: the types below are the subset of ELK's JSON format we use.
 *
 * Hierarchy: RunConcurrent and subflow nodes that hold nodes become ELK compound nodes whose
 * `children` are their members (nesting follows `GraphNode.container`); an RC's children have no
 * edges among them, so the layered algorithm stacks them side by side as lanes. Each edge is placed
 * in the lowest container that holds both of its ends, and the root uses INCLUDE_CHILDREN so ELK
 * routes edges across container borders too. Leaves get a fixed size from their label, which the
 * React node components must respect (see LEAF_HEIGHT, leafWidth). Edges to unknown nodes are left
 * out (the parser already reported them). Pure and deterministic: the same graph gives the same JSON.
 */
import { flowOrder } from './graph-flow-order.ts';
import type { GraphNode, WorkflowGraph } from './graph-model.ts';

export type LayoutDirection = 'RIGHT' | 'DOWN';

export interface ElkInputLabel {
  readonly text: string;
  readonly width: number;
  readonly height: number;
}

export interface ElkInputEdge {
  readonly id: string;
  readonly sources: readonly [string];
  readonly targets: readonly [string];
  readonly labels?: readonly ElkInputLabel[];
}

export interface ElkInputNode {
  readonly id: string;
  readonly width?: number;
  readonly height?: number;
  readonly layoutOptions?: Readonly<Record<string, string>>;
  readonly children?: readonly ElkInputNode[];
  readonly edges?: readonly ElkInputEdge[];
}

export const ROOT_ID = '__root__';
export const LEAF_HEIGHT = 64;
/** Room for a container's header (icon, name, status, buttons). */
export const CONTAINER_HEADER = 52;
const CONTAINER_PADDING = 16;
const CHAR_WIDTH = 7.5;
const LABEL_CHAR_WIDTH = 6.5;

/** Width of a leaf node box for a label: wide enough for the name plus the badges, within limits. */
const leafWidth = (label: string): number => Math.round(Math.min(300, Math.max(170, label.length * CHAR_WIDTH + 90)));

/** A container's header holds a kind word, the name, badges and a button besides the label. */
export const containerMinWidth = (label: string): number => Math.round(Math.min(420, label.length * CHAR_WIDTH + 190));

const edgeLabelSize = (text: string): ElkInputLabel => ({ text, width: Math.min(220, text.length * LABEL_CHAR_WIDTH + 12), height: 18 });

/**
 * The valid container of every node: the `container` when it names a node of the graph that holds
 * members, and no container cycle passes through it; null (the top level) otherwise.
 */
export function resolveContainers(graph: WorkflowGraph): Map<string, string | null> {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const result = new Map<string, string | null>();
  for (const node of graph.nodes) {
    const seen = new Set<string>([node.id]);
    let ok = true;
    for (let up = node.container; up !== null; up = byId.get(up)?.container ?? null) {
      if (seen.has(up) || !byId.has(up)) {
        ok = false;
        break;
      }
      seen.add(up);
    }
    result.set(node.id, ok ? node.container : null);
  }
  return result;
}

/** The chain of containers above a node, innermost first, ending with null (the root). */
function ancestors(id: string, containers: ReadonlyMap<string, string | null>): (string | null)[] {
  const chain: (string | null)[] = [];
  for (let up = containers.get(id) ?? null; up !== null; up = containers.get(up) ?? null) chain.push(up);
  chain.push(null);
  return chain;
}

/** The lowest container holding both ends of an edge (null = the root). */
export function edgeContainer(source: string, target: string, containers: ReadonlyMap<string, string | null>): string | null {
  const targetChain = new Set(ancestors(target, containers));
  for (const candidate of ancestors(source, containers)) if (targetChain.has(candidate)) return candidate;
  return null;
}

/**
 * ELK (0.12, layered with INCLUDE_CHILDREN) applies a compound node's minimum size in its rotated
 * frame when the direction is DOWN, so width and height are swapped for it here.
 */
function minimumSize(width: number, height: number, direction: LayoutDirection): string {
  return direction === 'DOWN' ? `(${height},${width})` : `(${width},${height})`;
}

export interface LayoutInputOptions {
  readonly direction: LayoutDirection;
  /** Extra text lines a view draws in every node (e.g. figures across runs): taller boxes and headers. */
  readonly noteLines?: number;
  /** Edge id → the label drawn on it (default: its condition), so ELK leaves room for the text shown. */
  readonly edgeLabels?: Readonly<Record<string, string>>;
  /** Container id → a width its header needs beyond its name (a note such as the keys its branches both wrote). */
  readonly minWidths?: Readonly<Record<string, number>>;
}

/** Height of one extra text line in a node. */
export const NOTE_LINE_HEIGHT = 16;

export function buildLayoutInput(graph: WorkflowGraph, options: LayoutInputOptions): ElkInputNode {
  const containers = resolveContainers(graph);
  const { rank } = flowOrder(graph, containers);
  const rankOf = (id: string) => rank.get(id) ?? 0;
  const members = new Map<string | null, GraphNode[]>();
  for (const node of [...graph.nodes].sort((a, b) => rankOf(a.id) - rankOf(b.id))) {
    const key = containers.get(node.id) ?? null;
    const list = members.get(key);
    if (list) list.push(node);
    else members.set(key, [node]);
  }
  const nodeIds = new Set(graph.nodes.map((node) => node.id));
  const edgesIn = new Map<string | null, ElkInputEdge[]>();
  const edgesInOrder = [...graph.edges].sort((a, b) => rankOf(a.source) - rankOf(b.source) || rankOf(a.target) - rankOf(b.target));
  for (const edge of edgesInOrder) {
    if (!nodeIds.has(edge.source) || !nodeIds.has(edge.target)) continue;
    const key = edgeContainer(edge.source, edge.target, containers);
    const text = options.edgeLabels?.[edge.id] ?? edge.condition;
    const elkEdge: ElkInputEdge = {
      id: edge.id,
      sources: [edge.source],
      targets: [edge.target],
      ...(text ? { labels: [edgeLabelSize(text)] } : {}),
    };
    const list = edgesIn.get(key);
    if (list) list.push(elkEdge);
    else edgesIn.set(key, [elkEdge]);
  }

  const extra = (options.noteLines ?? 0) * NOTE_LINE_HEIGHT;
  const header = CONTAINER_HEADER + extra;
  const build = (node: GraphNode): ElkInputNode => {
    const inner = members.get(node.id);
    if (!inner || inner.length === 0) return { id: node.id, width: leafWidth(node.label) + (extra > 0 ? 40 : 0), height: LEAF_HEIGHT + extra };
    const edges = edgesIn.get(node.id);
    return {
      id: node.id,
      layoutOptions: {
        'elk.padding': `[top=${header},left=${CONTAINER_PADDING},bottom=${CONTAINER_PADDING},right=${CONTAINER_PADDING}]`,
        'elk.nodeSize.constraints': 'MINIMUM_SIZE',
        'elk.nodeSize.minimum': minimumSize(Math.max(containerMinWidth(node.label), options.minWidths?.[node.id] ?? 0), header + LEAF_HEIGHT + extra, options.direction),
      },
      children: inner.map(build),
      ...(edges ? { edges } : {}),
    };
  };

  return {
    id: ROOT_ID,
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': options.direction,
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.layered.spacing.nodeNodeBetweenLayers': '64',
      'elk.spacing.nodeNode': '28',
      'elk.spacing.edgeLabel': '4',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      // Loops: the edges against the flow order (graph-flow-order.ts) are the ones reversed, and
      // they are routed around the nodes rather than through the layers between them.
      'elk.layered.cycleBreaking.strategy': 'MODEL_ORDER',
      'elk.layered.feedbackEdges': 'true',
      'elk.layered.crossingMinimization.forceNodeModelOrder': 'true',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.edgeLabels.placement': 'CENTER',
      // Edge routes and labels come back in the root's coordinates (layout-result.ts draws them as they are).
      'elk.json.edgeCoords': 'ROOT',
      'elk.padding': '[top=16,left=16,bottom=16,right=16]',
    },
    children: (members.get(null) ?? []).map(build),
    edges: edgesIn.get(null) ?? [],
  };
}
