import { BaseEdge, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowEdge } from './graph-flow.ts';
import { roundedPath } from './routed-path.ts';

/**
 * An edge drawn along the route ELK gave it (orthogonal, around nodes and group boxes; loops back
 * around the outside), with its label in the box ELK kept free for it. The route is in the
 * drawing's coordinates, which are React Flow's, so the handle positions are not used.
 */
function RoutedEdgeBody({ id, data, markerEnd, label, style }: EdgeProps<FlowEdge>) {
  const route = data?.route;
  if (!route) return null;
  const box = route.label;
  return (
    <BaseEdge
      id={id}
      path={roundedPath(route.points)}
      markerEnd={markerEnd}
      style={style}
      {...(label && box ? { label, labelX: box.x + box.width / 2, labelY: box.y + box.height / 2, labelBgPadding: [4, 2] as [number, number] } : {})}
    />
  );
}

export const RoutedEdge = memo(RoutedEdgeBody);
