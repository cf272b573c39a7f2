import { useReactFlow, useStore } from '@xyflow/react';
import { useEffect } from 'react';

/**
 * Brings a node into view when it changes (the selection from the waterfall or a shared link, or
 * the node focused by keyboard) or when the canvas narrows, keeping the zoom. Uses absolute
 * positions, unlike React Flow's own pan on focus, which is off for members of containers. Renders nothing; lives inside
 * <ReactFlow> so it can use its store.
 */
export function FollowSelection({ nodeId }: { nodeId: string | null }) {
  const { getInternalNode, setCenter, getViewport } = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const ready = useStore((s) => s.nodeLookup.size > 0 && width > 0);
  useEffect(() => {
    if (nodeId === null || !ready) return;
    const node = getInternalNode(nodeId);
    if (!node) return;
    const { x, y, zoom } = getViewport();
    const box = node.internals.positionAbsolute;
    const w = node.measured.width ?? node.width ?? 0;
    const h = node.measured.height ?? node.height ?? 0;
    const left = box.x * zoom + x;
    const top = box.y * zoom + y;
    const visible = left >= 0 && top >= 0 && left + w * zoom <= width && top + h * zoom <= height;
    if (!visible) void setCenter(box.x + w / 2, box.y + h / 2, { zoom, duration: 250 });
  }, [nodeId, ready, width, height, getInternalNode, setCenter, getViewport]);
  return null;
}
