import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from './graph-flow.ts';
import { kindGlyph } from './node-glyphs.ts';
import { NoteLines, RunBadges, StatusLine } from './NodeBadges.tsx';
import { SlackLine } from './SlackLine.tsx';

/** One executable node: name, ×N when it ran several times, status glyph + word, total duration. */
function StepNodeBody({ data, selected, sourcePosition = Position.Right, targetPosition = Position.Left }: NodeProps<FlowNode>) {
  return (
    <>
      <Handle type="target" position={targetPosition} isConnectable={false} className="gf-handle" />
      <div className="gf-title">
        {data.kind !== 'node' && <span className="gf-kind-glyph" aria-hidden="true">{kindGlyph[data.kind]}</span>}
        <span className="gf-label" title={data.type !== data.label ? `${data.label} (${data.type})` : data.label}>
          {data.label}
        </span>
        <RunBadges data={data} selected={selected} />
      </div>
      <StatusLine data={data} />
      <NoteLines data={data} />
      <SlackLine data={data} />
      <Handle type="source" position={sourcePosition} isConnectable={false} className="gf-handle" />
    </>
  );
}

export const StepNode = memo(StepNodeBody);
