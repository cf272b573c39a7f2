import { BaseEdge, Position, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowEdge } from './graph-flow.ts';

/**
 * A node's edge to itself (a loop): an arc outside the node, from its source handle back to its
 * target handle, above the node in a left-to-right layout and beside it in a top-to-bottom one.
 */
function LoopEdgeBody({ id, sourceX, sourceY, targetX, targetY, sourcePosition, markerEnd, label, labelStyle, style }: EdgeProps<FlowEdge>) {
  const vertical = sourcePosition === Position.Bottom;
  const reach = 56;
  const path = vertical
    ? `M ${sourceX} ${sourceY} C ${sourceX + 3 * reach} ${sourceY + reach}, ${targetX + 3 * reach} ${targetY - reach}, ${targetX} ${targetY}`
    : `M ${sourceX} ${sourceY} C ${sourceX + reach} ${sourceY - 2 * reach}, ${targetX - reach} ${targetY - 2 * reach}, ${targetX} ${targetY}`;
  const labelX = vertical ? Math.max(sourceX, targetX) + 3 * reach : (sourceX + targetX) / 2;
  const labelY = vertical ? (sourceY + targetY) / 2 : Math.min(sourceY, targetY) - 1.5 * reach;
  return (
    <BaseEdge
      id={id}
      path={path}
      markerEnd={markerEnd}
      label={label}
      labelX={labelX}
      labelY={labelY}
      labelStyle={labelStyle}
      labelBgPadding={[4, 2]}
      style={style}
    />
  );
}

export const LoopEdge = memo(LoopEdgeBody);
