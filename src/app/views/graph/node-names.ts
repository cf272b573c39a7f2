/**
 * Names that tell a graph's nodes apart in text (a list of transitions, say). A node's label is
 * its name unless another node has the same label: then what differs is added, its kind
 * ("ScoreAnswer (subflow)") or the RunConcurrent group or subflow it is in ("PlanStep in
 * SearchDocs"), else the start of its id.
 */
import type { GraphNode } from '../../../core/junjo/graph-model.ts';

const kindNames: Record<string, string> = { subflow: 'subflow', run_concurrent: 'RunConcurrent' };

export function distinctNodeNames(nodes: readonly GraphNode[]): Map<string, string> {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const byLabel = new Map<string, GraphNode[]>();
  for (const node of nodes) {
    const list = byLabel.get(node.label);
    if (list) list.push(node);
    else byLabel.set(node.label, [node]);
  }
  const names = new Map<string, string>();
  for (const [label, sharing] of byLabel) {
    if (sharing.length === 1) {
      names.set(sharing[0]!.id, label);
      continue;
    }
    const kindsDiffer = new Set(sharing.map((node) => node.kind)).size > 1;
    const containersDiffer = new Set(sharing.map((node) => node.container)).size > 1;
    const named = sharing.map((node) => {
      let name = label;
      if (kindsDiffer && kindNames[node.kind]) name += ` (${kindNames[node.kind]})`;
      if (containersDiffer && node.container !== null) name += ` in ${byId.get(node.container)?.label ?? node.container}`;
      return { node, name };
    });
    const counts = new Map<string, number>();
    for (const { name } of named) counts.set(name, (counts.get(name) ?? 0) + 1);
    for (const { node, name } of named) names.set(node.id, (counts.get(name) ?? 0) > 1 ? `${name} [${node.id.slice(0, 8)}]` : name);
  }
  return names;
}
