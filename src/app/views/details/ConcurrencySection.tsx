import type { ConcurrencyGroup } from '../../../core/junjo/concurrency.ts';
import type { Trace } from '../../../core/model/trace.ts';
import { formatDuration } from '../../../core/model/time.ts';
import { selectSpan } from '../../routes/select-span.ts';

/** For a RunConcurrent span: how parallel its branches really were, and which state keys they both wrote. */
export function ConcurrencySection({ trace, group }: { trace: Trace; group: ConcurrencyGroup }) {
  const wall = group.wall.end - group.wall.start;
  const nameOf = (index: number) => trace.spans[index]?.name ?? `span ${index}`;
  return (
    <section className="details-section" aria-label="RunConcurrent">
      <h3>RunConcurrent</h3>
      <table className="kv">
        <tbody>
          <tr>
            <th scope="row">Branches</th>
            <td>{group.children.map(nameOf).join(', ') || 'none'}</td>
          </tr>
          <tr>
            <th scope="row">All running at once</th>
            <td>
              {group.overlap
                ? `${formatDuration(group.overlap.end - group.overlap.start)} (from +${formatDuration(group.overlap.start - group.wall.start)} to +${formatDuration(group.overlap.end - group.wall.start)})`
                : 'never (some branch ended before another started)'}
            </td>
          </tr>
          <tr>
            <th scope="row">Parallel efficiency</th>
            <td>
              {group.efficiency === null ? '—' : `${group.efficiency.toFixed(2)}×`}{' '}
              <span className="muted">(busy time of the branches ÷ {formatDuration(wall)} wall time; {group.children.length}× is fully parallel)</span>
            </td>
          </tr>
        </tbody>
      </table>
      {group.races.length === 0 ? (
        <p className="muted">No state key was written by more than one branch.</p>
      ) : (
        <>
          <p className="warn-text">
            {group.races.length} state key{group.races.length === 1 ? ' was' : 's were'} written by more than one branch (a possible race):
          </p>
          <ul className="details-races">
            {group.races.map((race) => (
              <li key={`${race.storeId}${race.path}`}>
                <code>{race.path || '(whole state)'}</code> in store <code>{race.storeId}</code>, by{' '}
                {race.writers.map((writer, i) => (
                  <span key={writer.childSpanIndex}>
                    {i > 0 && ', '}
                    <button type="button" className="link-button" onClick={() => selectSpan(trace, writer.childSpanIndex, 'push')}>
                      {nameOf(writer.childSpanIndex)}
                    </button>{' '}
                    <span className="muted">({writer.actions.join(', ')})</span>
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
