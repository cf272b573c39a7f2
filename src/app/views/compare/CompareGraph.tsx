import type { EdgeComparison, NodeComparison, RunComparison } from '../../../core/compare/compare-runs.ts';
import type { WorkflowGraph } from '../../../core/junjo/graph-model.ts';
import { presenceText, signedDuration, signedPercent } from './compare-format.ts';
import { useCompareLayout, type Box } from './compare-layout.ts';

/** The second line of a node: what changed between A and B. */
function changeLine(node: NodeComparison | undefined): string {
  if (!node) return 'only in this graph';
  if (node.ran !== 'both') return presenceText[node.ran];
  const parts = [node.durationDelta !== undefined ? `${signedDuration(node.durationDelta)} ${signedPercent(node.durationChange)}`.trim() : ''];
  if (node.countChanged) parts.push(`${node.a?.runCount}→${node.b?.runCount}×`);
  else if ((node.a?.runCount ?? 0) > 1) parts.push(`${node.a?.runCount}×`);
  if (node.statusChanged) parts.push(`${node.a?.status}→${node.b?.status}`);
  return parts.filter(Boolean).join(' · ');
}

function edgePath(from: Box, to: Box): string {
  if (from === to) {
    // A node looping to itself: an arc over its top.
    const left = from.x + from.width * 0.3;
    const right = from.x + from.width * 0.7;
    return `M${right},${from.y} C${right + 10},${from.y - 34} ${left - 10},${from.y - 34} ${left},${from.y}`;
  }
  const x1 = from.x + from.width;
  const y1 = from.y + from.height / 2;
  const x2 = to.x;
  const y2 = to.y + to.height / 2;
  if (x2 >= x1 - 4) {
    const mid = (x1 + x2) / 2;
    return `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`;
  }
  // A loop back: leave the bottom of the later node, enter the bottom of the earlier one.
  const bx1 = from.x + from.width / 2;
  const by1 = from.y + from.height;
  const bx2 = to.x + to.width / 2;
  const by2 = to.y + to.height;
  const dip = Math.max(by1, by2) + 36;
  return `M${bx1},${by1} C${bx1},${dip} ${bx2},${dip} ${bx2},${by2}`;
}

/** A's declared graph with both runs on it: the path in A only, in B only, in both; per node what changed. */
export function CompareGraph({ graph, comparison, side }: { graph: WorkflowGraph; comparison: RunComparison; side: 'a' | 'b' }) {
  const layout = useCompareLayout(graph);
  if (layout === undefined) return <p className="muted">Laying out the graph…</p>;
  if (typeof layout === 'string') return <p className="cmp-problem">{layout}</p>;
  const nodeOf = new Map<string, NodeComparison>();
  for (const node of comparison.nodes) {
    const entry = node[side];
    if (entry) nodeOf.set(entry.nodeId, node);
  }
  const edgeOf = new Map<string, EdgeComparison>();
  for (const edge of comparison.edges) {
    const id = side === 'a' ? edge.aEdgeId : edge.bEdgeId;
    if (id !== undefined) edgeOf.set(id, edge);
  }
  const ordered = [...graph.nodes].sort((x, y) => Number(layout.boxes[y.id]?.container ?? false) - Number(layout.boxes[x.id]?.container ?? false));
  const counts = { 'a-only': 0, 'b-only': 0 };
  for (const edge of comparison.edges) if (edge.taken === 'a-only' || edge.taken === 'b-only') counts[edge.taken]++;
  return (
    <figure className="cmp-graph">
      <svg
        viewBox={`0 -24 ${Math.max(layout.width, 1)} ${Math.max(layout.height + 64, 1)}`}
        width="100%"
        style={{ maxHeight: 420, minWidth: Math.min(layout.width, 900) }}
        role="img"
        aria-label={`The declared graph with both runs: ${counts['a-only']} edges taken in A only, ${counts['b-only']} in B only. The table below lists every node.`}
      >
        <defs>
          {(['both', 'a-only', 'b-only', 'neither'] as const).map((taken) => (
            <marker key={taken} id={`cmp-arrow-${taken}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" className={`cmp-arrow cmp-taken-${taken}`} />
            </marker>
          ))}
        </defs>
        {ordered.map((node) => {
          const box = layout.boxes[node.id];
          if (!box?.container) return null;
          const compared = nodeOf.get(node.id);
          return (
            <g key={node.id} className={`cmp-gcontainer cmp-ran-${compared?.ran ?? 'neither'}`}>
              <title>{`${node.label}: ${changeLine(compared)}`}</title>
              <rect x={box.x} y={box.y} width={box.width} height={box.height} rx={10} />
              <text x={box.x + 12} y={box.y + 20} className="cmp-glabel">{node.label}</text>
              <text x={box.x + 12} y={box.y + 38} className="cmp-gchange">{changeLine(compared)}</text>
            </g>
          );
        })}
        {graph.edges.map((edge) => {
          const from = layout.boxes[edge.source];
          const to = layout.boxes[edge.target];
          if (!from || !to) return null;
          const taken = edgeOf.get(edge.id)?.taken ?? 'neither';
          return <path key={edge.id} d={edgePath(from, to)} className={`cmp-gedge cmp-taken-${taken}`} markerEnd={`url(#cmp-arrow-${taken})`} />;
        })}
        {graph.nodes.map((node) => {
          const box = layout.boxes[node.id];
          if (!box || box.container) return null;
          const compared = nodeOf.get(node.id);
          const status = compared?.statusChanged ? ' cmp-gstatus-changed' : '';
          return (
            <g key={node.id} className={`cmp-gnode cmp-ran-${compared?.ran ?? 'neither'}${status}`}>
              <title>{`${node.label}: ${changeLine(compared)}`}</title>
              <rect x={box.x} y={box.y} width={box.width} height={box.height} rx={8} />
              <text x={box.x + box.width / 2} y={box.y + 26} textAnchor="middle" className="cmp-glabel">{node.label}</text>
              <text x={box.x + box.width / 2} y={box.y + 46} textAnchor="middle" className="cmp-gchange">{changeLine(compared)}</text>
            </g>
          );
        })}
      </svg>
      <figcaption className="cmp-legend">
        <span className="cmp-key cmp-taken-both">taken in both</span>
        <span className="cmp-key cmp-taken-a-only">A only</span>
        <span className="cmp-key cmp-taken-b-only">B only</span>
        <span className="cmp-key cmp-taken-neither">in neither</span>
        <span className="muted">Drawn: {side === 'a' ? 'A' : 'B'}'s graph.</span>
      </figcaption>
    </figure>
  );
}
