import type { Prng } from './sim-clock.ts';

/**
 * The shape and timing of a big synthetic trace, before any span exists: a deep-ish tree grown
 * depth-first (each new span goes under the top of a stack that is popped at random), remote
 * calls as a CLIENT span with a SERVER child in another service, database and messaging leaves.
 * Siblings run one after another or, for some parents, in parallel.
 */
export type Role = 'server' | 'http-client' | 'db' | 'producer' | 'internal';

export interface PlanNode {
  parent: number;
  depth: number;
  service: number;
  role: Role;
  children: number[];
  /** Offsets from the trace start, in nanoseconds. */
  startNs: number;
  endNs: number;
}

const MAX_DEPTH = 18;
const MAX_FANOUT = 40;

export function planTree(count: number, services: number, prng: Prng): PlanNode[] {
  const nodes: PlanNode[] = [];
  const add = (parent: number, role: Role, service: number): number => {
    const depth = parent < 0 ? 0 : (nodes[parent]?.depth ?? 0) + 1;
    nodes.push({ parent, depth, service, role, children: [], startNs: 0, endNs: 0 });
    if (parent >= 0) nodes[parent]?.children.push(nodes.length - 1);
    return nodes.length - 1;
  };
  const stack = [add(-1, 'server', 0)];
  while (nodes.length < count) {
    while (stack.length > 1 && shouldPop(nodes[stack[stack.length - 1] ?? 0], prng)) stack.pop();
    if ((nodes[stack[0] ?? 0]?.children.length ?? 0) >= MAX_FANOUT && stack.length === 1) stack.push(reopen(nodes, prng));
    const parent = stack[stack.length - 1] ?? 0;
    const service = nodes[parent]?.service ?? 0;
    const roll = prng.next();
    if (roll < 0.12 && nodes.length + 2 <= count) {
      const client = add(parent, 'http-client', service);
      const callee = (service + 1 + prng.int(0, services - 2)) % services;
      stack.push(add(client, 'server', callee));
    } else if (roll < 0.4) {
      add(parent, 'db', service);
    } else if (roll < 0.43) {
      add(parent, 'producer', service);
    } else {
      const child = add(parent, 'internal', service);
      if (prng.chance(0.55)) stack.push(child);
    }
  }
  layout(nodes, prng);
  return nodes;
}

/** Once the root is full, new work continues under a random earlier span that can take children. */
function reopen(nodes: PlanNode[], prng: Prng): number {
  for (let attempt = 0; attempt < 50; attempt++) {
    const index = prng.int(1, nodes.length - 1);
    const node = nodes[index];
    if (node && (node.role === 'server' || node.role === 'internal') && node.children.length < MAX_FANOUT && node.depth < MAX_DEPTH) return index;
  }
  return nodes.length - 1;
}

function shouldPop(node: PlanNode | undefined, prng: Prng): boolean {
  if (!node) return true;
  return node.depth >= MAX_DEPTH || node.children.length >= MAX_FANOUT || prng.chance(0.42);
}

const LEAF_MS: Record<Role, [number, number]> = {
  server: [0.2, 2],
  'http-client': [1, 30],
  db: [0.3, 12],
  producer: [0.4, 3],
  internal: [0.05, 6],
};

/** Assigns start/end offsets bottom-up: children fit inside their parent, with small gaps. */
function layout(nodes: PlanNode[], prng: Prng): void {
  const place = (index: number, startNs: number): number => {
    const node = nodes[index];
    if (!node) return startNs;
    node.startNs = startNs;
    const ms = (min: number, max: number): number => Math.round(prng.range(min, max) * 1e6);
    if (node.children.length === 0) {
      const [min, max] = LEAF_MS[node.role];
      node.endNs = startNs + ms(min, max);
      return node.endNs;
    }
    const parallel = node.role !== 'http-client' && prng.chance(0.3);
    let cursor = startNs + ms(0.01, 0.3);
    let latest = cursor;
    for (const child of node.children) {
      const end = place(child, parallel ? cursor + ms(0, 0.2) : cursor);
      latest = Math.max(latest, end);
      if (!parallel) cursor = end + ms(0.005, 0.2);
    }
    node.endNs = latest + ms(0.01, 0.4);
    return node.endNs;
  };
  place(0, 0);
}
