import { useReactFlow, useStore } from '@xyflow/react';
import { useEffect, useEffectEvent } from 'react';
import type { FlowBox } from './keyboard-nav.ts';
import { boundsOf, readableViewport } from './readable-fit.ts';

/**
 * Places the graph when it first shows and again whenever the canvas changes size (the details
 * panel opens, the window is resized): fitted when it stays readable, else at a readable zoom
 * centred on the selected node, or on the graph's first node (see readable-fit.ts). Zooming and
 * panning by the user stay as they are until the next resize. A change of selection alone does
 * not refit (FollowSelection scrolls to it). Renders nothing; lives inside <ReactFlow>.
 */
export function RefitOnResize({ boxes, selectedId, startId }: { boxes: readonly FlowBox[]; selectedId: string | null; startId: string | null }) {
  const { setViewport } = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const ready = useStore((s) => s.panZoom !== null);

  const place = useEffectEvent(() => {
    const graph = boundsOf(boxes);
    if (!graph) return;
    const focus = boxes.find((box) => box.id === selectedId) ?? boxes.find((box) => box.id === startId) ?? null;
    void setViewport(readableViewport(graph, { width, height }, focus));
  });

  useEffect(() => {
    if (!ready || width <= 0 || height <= 0) return;
    place();
  }, [ready, width, height]);
  return null;
}
