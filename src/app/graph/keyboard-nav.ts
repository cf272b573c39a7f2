/**
 * Keyboard movement between graph nodes. Pure; boxes are absolute (flow coordinates) and carry the
 * id of their container (React Flow's `parentId`).
 *
 * Flow order: the siblings of one container (or of the top level) are grouped into layers, nodes
 * whose extents along the flow axis (x for RIGHT, y for DOWN) overlap, since ELK's layered layout
 * puts one layer at one position along that axis; layers are read along the flow, the nodes of a
 * layer across it, and a container is followed by its own members before the graph moves on.
 *
 * Keys: the flow keys (→ / ← for RIGHT, ↓ / ↑ for DOWN) step to the next / previous node in flow
 * order; the cross keys step to the next node of the same layer in the same container, else to
 * the nearest node that way in a neighbouring layer of the same container, else nowhere (never
 * into another group, never far along the flow).
 * Home / End go to the first / last node in flow order.
 */
import type { LayoutDirection } from '../../core/junjo/graph-layout-input.ts';

export interface FlowBox {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly parentId?: string;
}

export type NavKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | 'Home' | 'End';

export const isNavKey = (key: string): key is NavKey =>
  key === 'ArrowUp' || key === 'ArrowDown' || key === 'ArrowLeft' || key === 'ArrowRight' || key === 'Home' || key === 'End';

/** Extent along the flow axis (`main`) and across it (`cross`). */
const axes = (box: FlowBox, direction: LayoutDirection) =>
  direction === 'RIGHT'
    ? { main: box.x, mainSize: box.width, cross: box.y, crossSize: box.height }
    : { main: box.y, mainSize: box.height, cross: box.x, crossSize: box.width };

/** Siblings grouped into layers along the flow, each layer sorted across it. */
function layersOf(siblings: readonly FlowBox[], direction: LayoutDirection): FlowBox[][] {
  const sorted = [...siblings].sort((a, b) => axes(a, direction).main - axes(b, direction).main);
  const layers: FlowBox[][] = [];
  let layerEnd = -Infinity;
  for (const box of sorted) {
    const { main, mainSize } = axes(box, direction);
    const current = layers[layers.length - 1];
    if (current && main < layerEnd - 1) {
      current.push(box);
      layerEnd = Math.max(layerEnd, main + mainSize);
    } else {
      layers.push([box]);
      layerEnd = main + mainSize;
    }
  }
  for (const layer of layers) layer.sort((a, b) => axes(a, direction).cross - axes(b, direction).cross);
  return layers;
}

const childrenByParent = (boxes: readonly FlowBox[]) => {
  const ids = new Set(boxes.map((box) => box.id));
  const out = new Map<string | null, FlowBox[]>();
  for (const box of boxes) {
    const key = box.parentId !== undefined && ids.has(box.parentId) ? box.parentId : null;
    const list = out.get(key);
    if (list) list.push(box);
    else out.set(key, [box]);
  }
  return out;
};

/** Node ids in flow order: layer by layer, each container directly followed by its members. */
export function flowOrder(boxes: readonly FlowBox[], direction: LayoutDirection): string[] {
  const children = childrenByParent(boxes);
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | null) => {
    for (const layer of layersOf(children.get(parent) ?? [], direction)) {
      for (const box of layer) {
        if (seen.has(box.id)) continue;
        seen.add(box.id);
        order.push(box.id);
        visit(box.id);
      }
    }
  };
  visit(null);
  return order;
}

/** Where a key moves from `fromId`, or null to stay. An unknown `fromId` goes to the first node. */
export function nextNode(boxes: readonly FlowBox[], fromId: string, key: NavKey, direction: LayoutDirection = 'RIGHT'): string | null {
  const order = flowOrder(boxes, direction);
  const at = order.indexOf(fromId);
  if (key === 'Home' || at < 0) return order[0] ?? null;
  if (key === 'End') return order[order.length - 1] ?? null;
  const forward = direction === 'RIGHT' ? 'ArrowRight' : 'ArrowDown';
  const backward = direction === 'RIGHT' ? 'ArrowLeft' : 'ArrowUp';
  if (key === forward) return order[at + 1] ?? null;
  if (key === backward) return order[at - 1] ?? null;
  return acrossFlow(boxes, fromId, key === 'ArrowDown' || key === 'ArrowRight' ? 1 : -1, direction);
}

/** The next node across the flow (step +1 = down / right), staying in the same container. */
function acrossFlow(boxes: readonly FlowBox[], fromId: string, step: 1 | -1, direction: LayoutDirection): string | null {
  const from = boxes.find((box) => box.id === fromId);
  if (!from) return null;
  const siblings = childrenByParent(boxes).get(from.parentId !== undefined && boxes.some((b) => b.id === from.parentId) ? from.parentId : null) ?? [];
  const layers = layersOf(siblings, direction);
  const at = layers.findIndex((l) => l.includes(from));
  const layer = layers[at] ?? [];
  const inLayer = layer[layer.indexOf(from) + step];
  if (inLayer) return inLayer.id;
  // Nothing more in this layer: the nearest node of the neighbouring layers that lies that way.
  const nearby = [...(layers[at - 1] ?? []), ...(layers[at + 1] ?? [])];
  const origin = axes(from, direction);
  let best: string | null = null;
  let bestScore = Infinity;
  for (const box of nearby) {
    if (box.id === fromId) continue;
    const a = axes(box, direction);
    const ahead = step * (a.cross + a.crossSize / 2 - (origin.cross + origin.crossSize / 2));
    if (ahead < Math.min(a.crossSize, origin.crossSize) / 2) continue;
    const score = ahead + 2 * Math.abs(a.main + a.mainSize / 2 - (origin.main + origin.mainSize / 2));
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
    return { id: node.id, x, y, width: node.width ?? 0, height: node.height ?? 0, ...(node.parentId ? { parentId: node.parentId } : {}) };
  });
}
