import { useReactFlow, useStore } from '@xyflow/react';
import { useEffect, useEffectEvent } from 'react';
import type { FlowBox } from './keyboard-nav.ts';
import { boundsOf, fitFor, readableViewport } from './readable-fit.ts';

/**
 * Places the graph when it first shows (also after the layout direction changes: the canvas is
 * mounted again) and whenever the canvas changes size (the details panel opens, the window is
 * resized): small graphs fitted when they stay readable, else at a readable zoom centred on the
 * selected node or the graph's first node; large graphs fitted whole (readable-fit.ts, fitFor). Zooming and
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
    void setViewport(readableViewport(graph, { width, height }, focus, fitFor(boxes.length)));
  });

  useEffect(() => {
    if (!ready || width <= 0 || height <= 0) return;
    place();
  }, [ready, width, height]);
  return null;
}
