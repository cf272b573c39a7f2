import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { statusWord, type FlowNode } from './graph-flow.ts';
import { kindGlyph, kindName, statusGlyph } from './node-glyphs.ts';
import { OpenSubflowButton } from './OpenSubflowButton.tsx';

/** A RunConcurrent group or an expanded subflow: a frame with a header around its members. */
function ContainerNodeBody({ data, sourcePosition = Position.Right, targetPosition = Position.Left }: NodeProps<FlowNode>) {
  return (
    <>
      <Handle type="target" position={targetPosition} isConnectable={false} className="gf-handle" />
      <div className="gf-container-header">
        <div className="gf-title">
          <span className="gf-kind-glyph" aria-hidden="true">{kindGlyph[data.kind]}</span>
          <span className="gf-kind-name">{kindName[data.kind]}</span>
          <span className="gf-label" title={data.label}>{data.label}</span>
          {data.runCount > 1 && <span className="gf-badge" title={`Ran ${data.runCount} times`}>×{data.runCount}</span>}
          {data.openGraph && <OpenSubflowButton spanKey={data.openGraph} label={data.label} />}
        </div>
        <div className="gf-meta">
          <span className="gf-status-glyph" aria-hidden="true">{statusGlyph[data.status]}</span>
          <span>{statusWord[data.status]}</span>
          {data.duration && <span className="gf-duration">{data.duration}</span>}
        </div>
      </div>
      <Handle type="source" position={sourcePosition} isConnectable={false} className="gf-handle" />
    </>
  );
}

export const ContainerNode = memo(ContainerNodeBody);
