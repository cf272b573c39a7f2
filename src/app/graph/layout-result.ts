/**
 * What the layout worker sends back: one box per laid-out node, with x/y relative to its container
 * (React Flow's `parentId` convention, which is also ELK's), the route of each edge and the box of
 * its label in the drawing's own coordinates (the input asks ELK for `elk.json.edgeCoords: ROOT`),
 * plus the size of the whole drawing. `flattenLayout` reads ELK's nested output; it is pure so it
 * can be tested without a worker.
 *
 * Lanes keep their declared order: ELK's crossing minimisation may reorder the members of a group
 * that have no edges among them (a RunConcurrent's branches, all in one layer), so such members are
 * put back in the order of the input (the declared order, graph-flow-order.ts) in the slots ELK gave
 * them, and the routes of edges inside a moved member move with it.
 */
export interface NodeBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface EdgeRoute {
  /** Start, bend points and end, in the drawing's coordinates. */
  readonly points: readonly Point[];
  /** The label's box (top-left corner and size), when the edge has a label. */
  readonly label?: NodeBox;
}

export interface GraphLayout {
  readonly boxes: Readonly<Record<string, NodeBox>>;
  readonly edges: Readonly<Record<string, EdgeRoute>>;
  readonly width: number;
  readonly height: number;
}

/** The parts of an ELK output edge we read (a structural subset of elkjs' ElkExtendedEdge). */
export interface LaidOutEdge {
  readonly id: string;
  readonly sections?: readonly { readonly startPoint: Point; readonly endPoint: Point; readonly bendPoints?: readonly Point[] }[];
  readonly labels?: readonly { readonly x?: number; readonly y?: number; readonly width?: number; readonly height?: number }[];
}

/** The parts of an ELK output node we read (a structural subset of elkjs' ElkNode). */
export interface LaidOutNode {
  readonly id: string;
  readonly x?: number;
  readonly y?: number;
  readonly width?: number;
  readonly height?: number;
  readonly layoutOptions?: Readonly<Record<string, string>>;
  readonly children?: readonly LaidOutNode[];
  readonly edges?: readonly LaidOutEdge[];
}

type Shift = { dx: number; dy: number };

/**
 * Member id → how far it moves so that the members of `node` (no edges among them, all in one
 * layer) sit in input order. Empty when nothing moves.
 */
function laneShifts(node: LaidOutNode, vertical: boolean): Map<string, Shift> {
  const shifts = new Map<string, Shift>();
  const members = node.children ?? [];
  if (members.length < 2 || (node.edges?.length ?? 0) > 0) return shifts;
  const flowStart = (m: LaidOutNode) => (vertical ? m.y : m.x) ?? 0;
  const flowSize = (m: LaidOutNode) => (vertical ? m.height : m.width) ?? 0;
  const crossStart = (m: LaidOutNode) => (vertical ? m.x : m.y) ?? 0;
  const crossSize = (m: LaidOutNode) => (vertical ? m.width : m.height) ?? 0;
  // One layer: every member overlaps every other along the flow axis.
  const layerStart = Math.max(...members.map(flowStart));
  const layerEnd = Math.min(...members.map((m) => flowStart(m) + flowSize(m)));
  if (layerStart >= layerEnd) return shifts;
  const bySlot = [...members].sort((a, b) => crossStart(a) - crossStart(b));
  if (bySlot.every((m, i) => m === members[i])) return shifts;
  const first = bySlot[0]!;
  const last = bySlot[bySlot.length - 1]!;
  const span = crossStart(last) + crossSize(last) - crossStart(first);
  const gap = (span - members.reduce((sum, m) => sum + crossSize(m), 0)) / (members.length - 1);
  let at = crossStart(first);
  for (const member of members) {
    const move = at - crossStart(member);
    if (move !== 0) shifts.set(member.id, vertical ? { dx: move, dy: 0 } : { dx: 0, dy: move });
    at += crossSize(member) + gap;
  }
  return shifts;
}

const moved = (point: Point, shift: Shift): Point => ({ x: point.x + shift.dx, y: point.y + shift.dy });

export function flattenLayout(root: LaidOutNode): GraphLayout {
  const vertical = root.layoutOptions?.['elk.direction'] === 'DOWN';
  const boxes: Record<string, NodeBox> = {};
  const edges: Record<string, EdgeRoute> = {};
  // `shift`: how far everything inside this node moved with it (edge routes are absolute).
  const visit = (node: LaidOutNode, shift: Shift) => {
    for (const edge of node.edges ?? []) {
      const section = edge.sections?.[0];
      if (!section) continue;
      const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((p) => moved(p, shift));
      const label = edge.labels?.[0];
      edges[edge.id] = {
        points,
        ...(label && label.x !== undefined && label.y !== undefined
          ? { label: { x: label.x + shift.dx, y: label.y + shift.dy, width: label.width ?? 0, height: label.height ?? 0 } }
          : {}),
      };
    }
    const lanes = laneShifts(node, vertical);
    for (const child of node.children ?? []) {
      const own = lanes.get(child.id) ?? { dx: 0, dy: 0 };
      boxes[child.id] = { x: (child.x ?? 0) + own.dx, y: (child.y ?? 0) + own.dy, width: child.width ?? 0, height: child.height ?? 0 };
      visit(child, { dx: shift.dx + own.dx, dy: shift.dy + own.dy });
    }
  };
  visit(root, { dx: 0, dy: 0 });
  return { boxes, edges, width: root.width ?? 0, height: root.height ?? 0 };
}

export interface LayoutRequest {
  readonly id: number;
  /** ELK JSON graph from buildLayoutInput. */
  readonly input: unknown;
  /**
   * A warm-up (graph-layout-client's warmLayoutWorker): the worker skips it when a real layout has
   * already started, and answers it with an empty layout then.
   */
  readonly warmUp?: boolean;
}

export type LayoutResponse =
  | { readonly id: number; readonly ok: true; readonly layout: GraphLayout }
  | { readonly id: number; readonly ok: false; readonly message: string };
