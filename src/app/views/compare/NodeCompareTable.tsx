import type { NodeComparison, RunComparison } from '../../../core/compare/compare-runs.ts';
import { formatDuration } from '../../../core/model/time.ts';
import { presenceText, signedDuration, signedPercent } from './compare-format.ts';

const iterations = (durations: readonly number[]): string => durations.map((d) => formatDuration(d)).join(', ');

function Side({ node, side }: { node: NodeComparison; side: 'a' | 'b' }) {
  const entry = node[side];
  if (!entry) return <td className="muted">not in graph</td>;
  if (entry.runCount === 0) return <td className="muted">not run</td>;
  return (
    <td>
      <span className="cmp-num">{formatDuration(entry.totalDuration)}</span>
      {entry.runCount > 1 && <span className="muted"> · {entry.runCount}× ({iterations(entry.durations)})</span>}
      {entry.status !== 'ok' && <span className={`cmp-status cmp-status-${entry.status}`}> · {entry.status}</span>}
    </td>
  );
}

/** Every node of the declared graph (graph order), how it ran in A and in B, and what changed. */
export function NodeCompareTable({ comparison }: { comparison: RunComparison }) {
  return (
    <section className="cmp-section" aria-labelledby="cmp-nodes-title">
      <h2 id="cmp-nodes-title">Nodes of the declared graph</h2>
      <div className="cmp-scroll">
        <table className="cmp-table" aria-labelledby="cmp-nodes-title">
          <thead>
            <tr>
              <th scope="col">Node</th>
              <th scope="col">Ran</th>
              <th scope="col">A</th>
              <th scope="col">B</th>
              <th scope="col" className="num">Change</th>
            </tr>
          </thead>
          <tbody>
            {comparison.nodes.map((node) => {
              const changed = node.ran === 'a-only' || node.ran === 'b-only' || node.statusChanged || node.countChanged || !node.a || !node.b;
              return (
                <tr key={node.key} data-ran={node.ran} className={changed ? 'cmp-row-changed' : undefined}>
                  <th scope="row" className="cmp-node-name">
                    {node.label}
                    {node.kind !== 'node' && <span className="muted"> ({node.kind === 'run_concurrent' ? 'RunConcurrent' : 'subflow'})</span>}
                  </th>
                  <td>
                    <span className={`cmp-presence cmp-presence-${node.ran}`}>{presenceText[node.ran]}</span>
                  </td>
                  <Side node={node} side="a" />
                  <Side node={node} side="b" />
                  <td className="num">
                    {node.durationDelta !== undefined && (
                      <>
                        {signedDuration(node.durationDelta)} <span className="muted">{signedPercent(node.durationChange)}</span>
                      </>
                    )}
                    {node.countChanged && node.ran === 'both' && (
                      <span className="cmp-changed"> · {node.a?.runCount}→{node.b?.runCount} runs</span>
                    )}
                    {node.statusChanged && node.ran === 'both' && (
                      <span className="cmp-changed"> · {node.a?.status}→{node.b?.status}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
