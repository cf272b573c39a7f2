import { Background, Controls, MiniMap, ReactFlow, type EdgeTypes, type NodeTypes } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo, useRef, type KeyboardEvent } from 'react';
import { useTheme } from '../../ui/theme.ts';
import { ContainerNode } from './ContainerNode.tsx';
import { FollowSelection } from './FollowSelection.tsx';
import { RefitOnResize } from './RefitOnResize.tsx';
import type { FlowEdge, FlowNode } from './graph-flow.ts';
import { LoopEdge } from './LoopEdge.tsx';
import { absoluteBoxes, isArrowKey, nextNodeInDirection } from './keyboard-nav.ts';
import { StepNode } from './StepNode.tsx';

// Module level, so React Flow never sees a new nodeTypes object (its error002).
const nodeTypes: NodeTypes = { step: StepNode, container: ContainerNode };
const edgeTypes: EdgeTypes = { loop: LoopEdge };
const fitViewOptions = { padding: 0.12, maxZoom: 1.2 };
const minimapNodeClass = (node: FlowNode) => node.className ?? '';

/**
 * The React Flow canvas: read-only (no dragging or connecting), nodes focusable. Enter or Space
 * selects the focused node, arrow keys move focus to the nearest node in that direction, Tab walks
 * the nodes in document order (containers before their members).
 */
export function GraphCanvas({ nodes, edges, onSelectNode, label, focusNodeId }: {
  nodes: readonly FlowNode[];
  edges: readonly FlowEdge[];
  onSelectNode: (nodeId: string) => void;
  label: string;
  /** The selected node, kept in view. */
  focusNodeId: string | null;
}) {
  const { theme } = useTheme();
  const wrapper = useRef<HTMLDivElement>(null);
  const boxes = useMemo(() => absoluteBoxes(nodes), [nodes]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (!target.classList.contains('react-flow__node')) return;
    const id = target.dataset.id;
    if (id === undefined) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelectNode(id);
    } else if (isArrowKey(event.key)) {
      event.preventDefault();
      const next = nextNodeInDirection(boxes, id, event.key);
      if (next === null) return;
      wrapper.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(next)}"]`)?.focus();
    }
  };

  return (
    <div className="gf-canvas" ref={wrapper} onKeyDown={onKeyDown}>
      <ReactFlow
        nodes={nodes as FlowNode[]}
        edges={edges as FlowEdge[]}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        colorMode={theme}
        fitView
        fitViewOptions={fitViewOptions}
        minZoom={0.1}
        maxZoom={2.5}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        edgesFocusable={false}
        nodesFocusable
        onNodeClick={(_, node) => onSelectNode(node.id)}
        aria-label={label}
      >
        <FollowSelection nodeId={focusNodeId} />
        <RefitOnResize target={wrapper} padding={fitViewOptions.padding} />
        <Background gap={20} size={1} />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable nodeClassName={minimapNodeClass} ariaLabel="Overview of the workflow graph" />
      </ReactFlow>
    </div>
  );
}
