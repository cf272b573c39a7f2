/**
 * The declared flow order of a workflow graph's nodes, and which edges go back against it (loops).
 * Pure.
 *
 * The order follows the workflow as it was written: from the graph's sources along its edges in
 * declared order; a RunConcurrent group is followed by its members in the order of its items
 * (`children`), a subflow by its own source. An edge is a back edge when it closes a cycle in that
 * walk (a depth-first search from the sources meets a node still on its stack). The rank is then a
 * topological order of the graph without its back edges, ties broken by the walk, so every forward
 * edge goes from a lower rank to a higher one and every back edge the other way. ELK's layered
 * layout reads the rank as the model order (its MODEL_ORDER cycle breaking reverses exactly the back
 * edges, and group members keep their declared order). Nodes no walk reaches follow in graph order.
 */
import type { WorkflowGraph } from './graph-model.ts';

export interface FlowOrder {
  /** Node id → position in the declared flow order (0 = first). */
  readonly rank: ReadonlyMap<string, number>;
  /** Ids of the edges that go back against the flow (they close a loop). */
  readonly backEdges: ReadonlySet<string>;
}

/** `containers`: each node's valid container (resolveContainers); by default the declared one. */
export function flowOrder(graph: WorkflowGraph, containers?: ReadonlyMap<string, string | null>): FlowOrder {
  const containerOf = (id: string, declared: string | null) => (containers ? (containers.get(id) ?? null) : declared);
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  // Successors in the walk: a container's entry members first, then its declared edges.
  const next = new Map<string, { target: string; edge: string | null }[]>();
  const add = (from: string, target: string, edge: string | null) => {
    if (!byId.has(target) || from === target) return;
    const list = next.get(from);
    if (list) list.push({ target, edge });
    else next.set(from, [{ target, edge }]);
  };
  for (const node of graph.nodes) {
    for (const child of node.children) add(node.id, child, null);
    if (node.subflow?.sourceId) add(node.id, node.subflow.sourceId, null);
  }
  // Members no entry names (a subflow's inner nodes without edges from its source) hang off their container.
  for (const node of graph.nodes) {
    const container = containerOf(node.id, node.container);
    if (container !== null && byId.has(container)) add(container, node.id, null);
  }
  for (const edge of graph.edges) if (byId.has(edge.source)) add(edge.source, edge.target, edge.id);

  const walk = new Map<string, number>();
  const backEdges = new Set<string>();
  const onStack = new Set<string>();
  const visit = (start: string) => {
    if (walk.has(start)) return;
    // Iterative depth-first search, so a long chain cannot overflow the call stack.
    const stack: { id: string; at: number }[] = [{ id: start, at: 0 }];
    walk.set(start, walk.size);
    onStack.add(start);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const successors = next.get(top.id) ?? [];
      if (top.at >= successors.length) {
        onStack.delete(top.id);
        stack.pop();
        continue;
      }
      const { target, edge } = successors[top.at++]!;
      if (onStack.has(target)) {
        if (edge !== null) backEdges.add(edge);
      } else if (!walk.has(target)) {
        walk.set(target, walk.size);
        onStack.add(target);
        stack.push({ id: target, at: 0 });
      }
    }
  };
  for (const id of graph.sourceIds) visit(id);
  for (const node of graph.nodes) if (containerOf(node.id, node.container) === null) visit(node.id);
  for (const node of graph.nodes) visit(node.id);
  for (const edge of graph.edges) if (edge.source === edge.target) backEdges.add(edge.id);

  // Topological order without the back edges (Kahn), the walk's order breaking ties.
  const indegree = new Map(graph.nodes.map((node) => [node.id, 0]));
  const forward = new Map<string, string[]>();
  for (const [from, list] of next) {
    for (const { target, edge } of list) {
      if (edge !== null && backEdges.has(edge)) continue;
      indegree.set(target, (indegree.get(target) ?? 0) + 1);
      const out = forward.get(from);
      if (out) out.push(target);
      else forward.set(from, [target]);
    }
  }
  const byWalk = (a: string, b: string) => (walk.get(a) ?? 0) - (walk.get(b) ?? 0);
  const ready = graph.nodes.filter((node) => indegree.get(node.id) === 0).map((node) => node.id).sort(byWalk);
  const rank = new Map<string, number>();
  while (ready.length > 0) {
    const id = ready.shift()!;
    rank.set(id, rank.size);
    let added = false;
    for (const target of forward.get(id) ?? []) {
      const left = (indegree.get(target) ?? 0) - 1;
      indegree.set(target, left);
      if (left === 0) {
        ready.push(target);
        added = true;
      }
    }
    if (added) ready.sort(byWalk);
  }
  // Left over only if a cycle survived (a container cycle the walk could not see): walk order.
  for (const id of [...byId.keys()].sort(byWalk)) if (!rank.has(id)) rank.set(id, rank.size);
  return { rank, backEdges };
}
