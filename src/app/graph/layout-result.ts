/**
 * What the layout worker sends back: one box per laid-out node, with x/y relative to its container
 * (React Flow's `parentId` convention, which is also ELK's), plus the size of the whole drawing.
 * `flattenLayout` reads ELK's nested output; it is pure so it can be tested without a worker.
 */
export interface NodeBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface GraphLayout {
  readonly boxes: Readonly<Record<string, NodeBox>>;
  readonly width: number;
  readonly height: number;
}

/** The parts of an ELK output node we read (a structural subset of elkjs' ElkNode). */
export interface LaidOutNode {
  readonly id: string;
  readonly x?: number;
  readonly y?: number;
  readonly width?: number;
  readonly height?: number;
  readonly children?: readonly LaidOutNode[];
}

export function flattenLayout(root: LaidOutNode): GraphLayout {
  const boxes: Record<string, NodeBox> = {};
  const visit = (node: LaidOutNode) => {
    for (const child of node.children ?? []) {
      boxes[child.id] = { x: child.x ?? 0, y: child.y ?? 0, width: child.width ?? 0, height: child.height ?? 0 };
      visit(child);
    }
  };
  visit(root);
  return { boxes, width: root.width ?? 0, height: root.height ?? 0 };
}

export interface LayoutRequest {
  readonly id: number;
  /** ELK JSON graph from buildLayoutInput. */
  readonly input: unknown;
}

export type LayoutResponse =
  | { readonly id: number; readonly ok: true; readonly layout: GraphLayout }
  | { readonly id: number; readonly ok: false; readonly message: string };
