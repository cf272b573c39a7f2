import type { EdgeComparison, Presence, RunComparison } from '../../../core/compare/compare-runs.ts';

const groups: readonly { taken: Presence; title: string }[] = [
  { taken: 'a-only', title: 'Taken in A only' },
  { taken: 'b-only', title: 'Taken in B only' },
  { taken: 'both', title: 'Taken in both' },
];

/** The declared graph's edges by where they were taken: the path in A only, in B only, in both. */
export function EdgeCompare({ comparison }: { comparison: RunComparison }) {
  const labelOf = new Map(comparison.nodes.map((node) => [node.key, node.label]));
  const name = (edge: EdgeComparison) => {
    const [from = '', to = ''] = edge.key.replace(/#\d+$/, '').split(' -> ');
    return `${labelOf.get(from) ?? from} → ${labelOf.get(to) ?? to}`;
  };
  return (
    <section className="cmp-section" aria-labelledby="cmp-path-title">
      <h2 id="cmp-path-title">Path taken</h2>
      <div className="cmp-edge-groups">
        {groups.map((group) => {
          const edges = comparison.edges.filter((edge) => edge.taken === group.taken);
          return (
            <div key={group.taken} className={`cmp-edge-group cmp-presence-${group.taken}`}>
              <h3>
                {group.title} <span className="muted">({edges.length})</span>
              </h3>
              {edges.length === 0 ? (
                <p className="muted">None.</p>
              ) : (
                <ul aria-label={group.title}>
                  {edges.map((edge) => (
                    <li key={edge.key}>
                      {name(edge)}
                      {(edge.aCount > 1 || edge.bCount > 1 || (edge.aCount !== edge.bCount && group.taken === 'both')) && (
                        <span className="muted">
                          {' '}
                          · A {edge.aCount}×, B {edge.bCount}×
                        </span>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}
