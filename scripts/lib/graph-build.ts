import { nanoid, structuralId } from './ids.ts';
import type { Prng } from './sim-clock.ts';
import { labelOf, orderedNodes, type EdgeDef, type ExecDef, type GraphDef, type SubflowDef } from './workflow-def.ts';

/**
 * One "build" of a workflow or subflow object: the ids its nodes got when the Python objects
 * were created. Runtime/definition ids are random (nanoid) but fixed per build; structural ids
 * are derived from names, so every build of a topology shares them.
 *
 * A subflow appears in three builds (formats.md §3.1/§3.3): `exec` is the one that runs (its
 * ids are on the spans and in the subflow span's own graph); `shadow` is the copy whose ids the
 * parent's graph lists; `dangling` holds the v1 `subflowSourceId`/`subflowSinkId`, which match
 * no node at all.
 */
export interface GraphBuild {
  graph: GraphDef;
  /** The W/S object id: G1 `junjo.id`, G3 `junjo.executable_definition_id`. */
  workflowId: string;
  structuralId: string;
  nodeIds: Map<ExecDef, string>;
  nodeStructuralIds: Map<ExecDef, string>;
  subflows: Map<SubflowDef, SubflowBuilds>;
}

export interface SubflowBuilds {
  exec: GraphBuild;
  shadow: GraphBuild;
  dangling: { sourceId: string; sinkId: string };
}

export function buildGraph(graph: GraphDef, prng: Prng): GraphBuild {
  const build: GraphBuild = {
    graph,
    workflowId: nanoid(prng),
    structuralId: structuralId('graph', graph.name, ...orderedNodes(graph).map(labelOf)),
    nodeIds: new Map(),
    nodeStructuralIds: new Map(),
    subflows: new Map(),
  };
  for (const exec of orderedNodes(graph)) {
    if (exec.kind === 'subflow') {
      const subflow: SubflowBuilds = {
        exec: buildGraph(exec.graph, prng),
        shadow: buildGraph(exec.graph, prng),
        dangling: { sourceId: nanoid(prng), sinkId: nanoid(prng) },
      };
      build.subflows.set(exec, subflow);
      // The subflow node is the subflow object itself, so it carries the object's id.
      build.nodeIds.set(exec, subflow.exec.workflowId);
    } else {
      build.nodeIds.set(exec, nanoid(prng));
    }
    build.nodeStructuralIds.set(exec, structuralId('node', graph.name, labelOf(exec)));
    if (exec.kind === 'run_concurrent') {
      for (const child of exec.children) {
        build.nodeIds.set(child, nanoid(prng));
        build.nodeStructuralIds.set(child, structuralId('node', graph.name, labelOf(exec), labelOf(child)));
      }
    }
  }
  return build;
}

export function idOf(build: GraphBuild, exec: ExecDef): string {
  const id = build.nodeIds.get(exec);
  if (id === undefined) throw new Error(`No id for ${labelOf(exec)} in ${build.graph.name}`);
  return id;
}

export function structuralIdOf(build: GraphBuild, exec: ExecDef): string {
  const id = build.nodeStructuralIds.get(exec);
  if (id === undefined) throw new Error(`No structural id for ${labelOf(exec)} in ${build.graph.name}`);
  return id;
}

export function subflowBuilds(build: GraphBuild, exec: SubflowDef): SubflowBuilds {
  const builds = build.subflows.get(exec);
  if (!builds) throw new Error(`No builds for subflow ${exec.label}`);
  return builds;
}

export function edgeStructuralId(build: GraphBuild, edge: EdgeDef): string {
  return structuralId(
    'edge',
    structuralIdOf(build, edge.tail),
    structuralIdOf(build, edge.head),
    edge.condition?.label ?? '',
  );
}

/**
 * Every node of a build in serialization order, with RC children after their RC and subflow
 * internals (from the shadow build) after their subflow.
 */
export function expandedNodes(build: GraphBuild): Array<{ exec: ExecDef; build: GraphBuild }> {
  const out: Array<{ exec: ExecDef; build: GraphBuild }> = [];
  for (const exec of orderedNodes(build.graph)) {
    out.push({ exec, build });
    if (exec.kind === 'run_concurrent') for (const child of exec.children) out.push({ exec: child, build });
    if (exec.kind === 'subflow') out.push(...expandedNodes(subflowBuilds(build, exec).shadow));
  }
  return out;
}
