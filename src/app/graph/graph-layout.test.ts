/**
 * The real ELK layout (elkjs, as the worker runs it) of the sample graphs: loops are drawn around
 * the nodes with their labels apart, no edge crosses a node or group box it does not belong to,
 * and the branches of a RunConcurrent keep their declared order.
 */
import ELK, { type ElkNode } from 'elkjs/lib/elk.bundled.js';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { analyzeJunjo } from '../../core/junjo/analyze-junjo.ts';
import { buildLayoutInput, resolveContainers, type LayoutDirection } from '../../core/junjo/graph-layout-input.ts';
import type { WorkflowGraph } from '../../core/junjo/graph-model.ts';
import type { PathTaken } from '../../core/junjo/path-taken.ts';
import { decodeInput } from '../../core/formats/decode-input.ts';
import { buildTraces } from '../../core/trace/build-traces.ts';
import { edgeLabels } from './graph-flow.ts';
import { flattenLayout, type GraphLayout, type NodeBox, type Point } from './layout-result.ts';

async function sampleRun(file: string): Promise<{ graph: WorkflowGraph; path: PathTaken | undefined }> {
  const decoded = await decodeInput(new Uint8Array(readFileSync(`public/samples/${file}`)));
  if (!decoded.ok) throw new Error(decoded.error.message);
  const trace = buildTraces(decoded.result.spans)[0]!;
  const analysis = analyzeJunjo(trace);
  if (analysis.kind === 'none') throw new Error(analysis.reason);
  const run = analysis.runs[analysis.topLevelRuns[0]!]!;
  if (!run.graph.ok) throw new Error('graph not readable');
  return { graph: run.graph.graph, path: analysis.paths[analysis.topLevelRuns[0]!] };
}

async function layOut(graph: WorkflowGraph, path: PathTaken | undefined, direction: LayoutDirection): Promise<GraphLayout> {
  const input = buildLayoutInput(graph, { direction, edgeLabels: edgeLabels(graph, path) });
  return flattenLayout(await new ELK().layout(JSON.parse(JSON.stringify(input)) as ElkNode));
}

/** Node boxes in the drawing's coordinates (the layout's are relative to their container). */
function absolute(graph: WorkflowGraph, layout: GraphLayout): Map<string, NodeBox> {
  const containers = resolveContainers(graph);
  const out = new Map<string, NodeBox>();
  for (const node of graph.nodes) {
    const own = layout.boxes[node.id];
    if (!own) continue;
    let { x, y } = own;
    for (let up = containers.get(node.id) ?? null; up !== null; up = containers.get(up) ?? null) {
      x += layout.boxes[up]?.x ?? 0;
      y += layout.boxes[up]?.y ?? 0;
    }
    out.set(node.id, { x, y, width: own.width, height: own.height });
  }
  return out;
}

/** Whether an axis-parallel segment enters the inside of a box (its border kept 1 px thick). */
function crosses(a: Point, b: Point, box: NodeBox): boolean {
  const left = box.x + 1, right = box.x + box.width - 1, top = box.y + 1, bottom = box.y + box.height - 1;
  const minX = Math.min(a.x, b.x), maxX = Math.max(a.x, b.x), minY = Math.min(a.y, b.y), maxY = Math.max(a.y, b.y);
  return maxX > left && minX < right && maxY > top && minY < bottom;
}

const overlap = (a: NodeBox, b: NodeBox) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function ancestorsOf(graph: WorkflowGraph, id: string): Set<string> {
  const containers = resolveContainers(graph);
  const out = new Set<string>([id]);
  for (let up = containers.get(id) ?? null; up !== null; up = containers.get(up) ?? null) out.add(up);
  return out;
}

const byLabel = (graph: WorkflowGraph, label: string) => graph.nodes.find((node) => node.label === label)!.id;

describe.each(['RIGHT', 'DOWN'] as const)('ELK layout of the samples, direction %s', (direction) => {
  test('the DraftNode ⇄ ReviewNode loop: both edges routed, labels apart, no edge through a box it does not belong to', async () => {
    const { graph, path } = await sampleRun('junjo-g3-debugging.json');
    const layout = await layOut(graph, path, direction);
    const boxes = absolute(graph, layout);
    const draft = byLabel(graph, 'DraftNode');
    const review = byLabel(graph, 'ReviewNode');
    const forward = graph.edges.find((e) => e.source === draft && e.target === review)!;
    const back = graph.edges.find((e) => e.source === review && e.target === draft)!;
    const forwardLabel = layout.edges[forward.id]?.label;
    const backLabel = layout.edges[back.id]?.label;
    expect(forwardLabel).toBeDefined(); // "×2"
    expect(backLabel).toBeDefined(); // "NeedsRevision()"
    expect(overlap(forwardLabel!, backLabel!)).toBe(false);
    // The two routes share no segment: the back edge goes around, not along the forward one.
    const segments = (id: string) => {
      const points = layout.edges[id]!.points;
      return points.slice(1).map((p, i) => [points[i]!, p] as const);
    };
    for (const [a, b] of segments(back.id)) for (const [c, d] of segments(forward.id)) {
      const sameLine = (a.y === b.y && c.y === d.y && a.y === c.y) || (a.x === b.x && c.x === d.x && a.x === c.x);
      const apart = sameLine && (a.y === b.y ? Math.max(a.x, b.x) <= Math.min(c.x, d.x) || Math.max(c.x, d.x) <= Math.min(a.x, b.x) : Math.max(a.y, b.y) <= Math.min(c.y, d.y) || Math.max(c.y, d.y) <= Math.min(a.y, b.y));
      expect(sameLine && !apart).toBe(false);
    }
    for (const edge of graph.edges) {
      const route = layout.edges[edge.id];
      expect(route, edge.id).toBeDefined();
      const own = new Set([...ancestorsOf(graph, edge.source), ...ancestorsOf(graph, edge.target)]);
      for (const [id, box] of boxes) {
        if (own.has(id)) continue;
        const points = route!.points;
        for (let i = 1; i < points.length; i++) expect(crosses(points[i - 1]!, points[i]!, box), `${edge.id} crosses ${id}`).toBe(false);
      }
    }
  });

  test('RunConcurrent branches keep their declared order', async () => {
    for (const [file, group] of [['junjo-g1-legacy.json', 'Counter Nodes'], ['junjo-g3-debugging.json', 'Checks']] as const) {
      const { graph, path } = await sampleRun(file);
      const layout = await layOut(graph, path, direction);
      const rc = graph.nodes.find((node) => node.label === group)!;
      const cross = (id: string) => (direction === 'RIGHT' ? layout.boxes[id]!.y : layout.boxes[id]!.x);
      const drawn = [...rc.children].sort((a, b) => cross(a) - cross(b));
      expect(drawn).toEqual(rc.children);
      // Still apart from each other.
      const boxes = rc.children.map((id) => layout.boxes[id]!);
      for (let i = 1; i < boxes.length; i++) expect(overlap(boxes[i - 1]!, boxes[i]!)).toBe(false);
    }
  });
});
