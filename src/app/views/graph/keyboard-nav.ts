/**
 * Arrow-key movement between graph nodes: from the focused node, the nearest node whose centre lies
 * in the arrow's direction, preferring nodes in line with it (sideways distance counts double).
 * Boxes are absolute (flow coordinates). Pure.
 */
export interface FlowBox {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export type ArrowKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight';

export const isArrowKey = (key: string): key is ArrowKey =>
  key === 'ArrowUp' || key === 'ArrowDown' || key === 'ArrowLeft' || key === 'ArrowRight';

const centre = (box: FlowBox) => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });

const contains = (outer: FlowBox, inner: FlowBox) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

export function nextNodeInDirection(boxes: readonly FlowBox[], fromId: string, key: ArrowKey): string | null {
  const from = boxes.find((box) => box.id === fromId);
  if (!from) return boxes[0]?.id ?? null;
  const origin = centre(from);
  let best: string | null = null;
  let bestScore = Infinity;
  for (const box of boxes) {
    if (box.id === fromId) continue;
    const c = centre(box);
    const dx = c.x - origin.x;
    const dy = c.y - origin.y;
    const [ahead, sideways] = key === 'ArrowRight' ? [dx, dy] : key === 'ArrowLeft' ? [-dx, dy] : key === 'ArrowDown' ? [dy, dx] : [-dy, dx];
    if (ahead <= 1) continue;
    // The container around the focused node (or a member of the focused container) only when nothing else fits.
    const enclosing = contains(box, from) || contains(from, box);
    const score = ahead + 2 * Math.abs(sideways) + (enclosing ? 1e6 : 0);
    if (score < bestScore) {
      bestScore = score;
      best = box.id;
    }
  }
  return best;
}

/** Absolute boxes of React Flow nodes whose positions are relative to their `parentId`. */
export function absoluteBoxes(
  nodes: readonly { id: string; position: { x: number; y: number }; width?: number; height?: number; parentId?: string }[],
): FlowBox[] {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  return nodes.map((node) => {
    let x = node.position.x;
    let y = node.position.y;
    for (let up = node.parentId, guard = 0; up !== undefined && guard < 64; guard++) {
      const parent = byId.get(up);
      if (!parent) break;
      x += parent.position.x;
      y += parent.position.y;
      up = parent.parentId;
    }
    return { id: node.id, x, y, width: node.width ?? 0, height: node.height ?? 0 };
  });
}
