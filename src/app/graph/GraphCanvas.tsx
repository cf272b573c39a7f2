import { Background, Controls, ReactFlow, type EdgeTypes, type NodeTypes } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './graph.css';
import { useMemo, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import type { LayoutDirection } from '../../core/junjo/graph-layout-input.ts';
import { useTheme } from '../ui/theme.ts';
import { ContainerNode } from './ContainerNode.tsx';
import { FollowSelection } from './FollowSelection.tsx';
import { applyTabStop, type FlowEdge, type FlowNode } from './graph-flow.ts';
import { GraphMiniMap } from './GraphMiniMap.tsx';
import { absoluteBoxes, flowOrder, isNavKey, nextNode } from './keyboard-nav.ts';
import { LoopEdge } from './LoopEdge.tsx';
import { RoutedEdge } from './RoutedEdge.tsx';
import { READABLE_FIT } from './readable-fit.ts';
import { RefitOnResize } from './RefitOnResize.tsx';
import { StepNode } from './StepNode.tsx';

// Module level, so React Flow never sees a new nodeTypes object (its error002).
const nodeTypes: NodeTypes = { step: StepNode, container: ContainerNode };
const edgeTypes: EdgeTypes = { loop: LoopEdge, routed: RoutedEdge };
/** The Controls' fit button shows the whole graph, however small: the user asked for it. */
const fitAllOptions = { padding: 0.05, maxZoom: READABLE_FIT.maxZoom };

/** The node that last had focus, valid only while the selection it was focused under stays. */
type Active = { readonly id: string; readonly under: string | null };

const nodeIdOf = (target: EventTarget) =>
  target instanceof HTMLElement && target.classList.contains('react-flow__node') ? (target.dataset.id ?? null) : null;

/**
 * The React Flow canvas: read-only (no dragging or connecting). The graph is one Tab stop (roving
 * tabindex: the node last focused, else the selected node, else the first node). Enter or Space
 * selects the focused node; arrow keys, Home and End move focus (keyboard-nav.ts).
 */
export function GraphCanvas({ nodes, edges, direction, onSelectNode, label, focusNodeId }: {
  nodes: readonly FlowNode[];
  edges: readonly FlowEdge[];
  direction: LayoutDirection;
  onSelectNode: (nodeId: string) => void;
  label: string;
  /** The selected node, kept in view. */
  focusNodeId: string | null;
}) {
  const { theme } = useTheme();
  const wrapper = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState<Active | null>(null);
  const boxes = useMemo(() => absoluteBoxes(nodes), [nodes]);
  const startId = useMemo(() => flowOrder(boxes, direction)[0] ?? null, [boxes, direction]);
  const activeId = active && active.under === focusNodeId ? active.id : null;
  const tabId = activeId ?? focusNodeId ?? startId;
  const tabbed = useMemo(() => applyTabStop(nodes, tabId), [nodes, tabId]);

  const onFocus = (event: FocusEvent<HTMLDivElement>) => {
    const id = nodeIdOf(event.target);
    if (id !== null && id !== activeId) setActive({ id, under: focusNodeId });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const id = nodeIdOf(event.target);
    if (id === null) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelectNode(id);
    } else if (isNavKey(event.key) && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      const next = nextNode(boxes, id, event.key, direction);
      if (next === null) return;
      wrapper.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(next)}"]`)?.focus();
    }
  };

  return (
    <div className="gf-canvas" ref={wrapper} onKeyDown={onKeyDown} onFocus={onFocus}>
      <ReactFlow
        nodes={tabbed as FlowNode[]}
        edges={edges as FlowEdge[]}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        colorMode={theme}
        minZoom={0.1}
        maxZoom={2.5}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        edgesFocusable={false}
        nodesFocusable
        autoPanOnNodeFocus={false}
        onNodeClick={(_, node) => onSelectNode(node.id)}
        aria-label={label}
      >
        <RefitOnResize boxes={boxes} selectedId={focusNodeId} startId={startId} />
        <FollowSelection nodeId={focusNodeId} />
        <FollowSelection nodeId={activeId} />
        <Background gap={20} size={1} />
        <Controls showInteractive={false} fitViewOptions={fitAllOptions} />
        <GraphMiniMap />
      </ReactFlow>
    </div>
  );
}
