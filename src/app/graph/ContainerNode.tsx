import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from './graph-flow.ts';
import { kindGlyph, kindName } from './node-glyphs.ts';
import { NoteLines, RunBadges, StatusLine } from './NodeBadges.tsx';

/** A RunConcurrent group or an expanded subflow: a frame with a header around its members. */
function ContainerNodeBody({ data, selected, sourcePosition = Position.Right, targetPosition = Position.Left }: NodeProps<FlowNode>) {
  return (
    <>
      <Handle type="target" position={targetPosition} isConnectable={false} className="gf-handle" />
      <div className="gf-container-header">
        <div className="gf-title">
          <span className="gf-kind-glyph" aria-hidden="true">{kindGlyph[data.kind]}</span>
          <span className="gf-kind-name">{kindName[data.kind]}</span>
          <span className="gf-label" title={data.label}>{data.label}</span>
          <RunBadges data={data} selected={selected} />
        </div>
        <StatusLine data={data} />
        <NoteLines data={data} />
      </div>
      <Handle type="source" position={sourcePosition} isConnectable={false} className="gf-handle" />
    </>
  );
}

export const ContainerNode = memo(ContainerNodeBody);
