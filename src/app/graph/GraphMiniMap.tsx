import { MiniMap, useStore } from '@xyflow/react';
import type { FlowNode } from './graph-flow.ts';

/** Below this canvas width the overview would cover too much of the graph, so it is left out. */
const MINIMAP_MIN_CANVAS_WIDTH = 700;
const style = { width: 132, height: 80 };
const minimapNodeClass = (node: FlowNode) => node.className ?? '';

/** A small overview in the corner, only on a canvas wide enough to spare the room. */
export function GraphMiniMap() {
  const wide = useStore((s) => s.width >= MINIMAP_MIN_CANVAS_WIDTH);
  if (!wide) return null;
  return <MiniMap pannable zoomable style={style} nodeClassName={minimapNodeClass} ariaLabel="Overview of the workflow graph" />;
}
