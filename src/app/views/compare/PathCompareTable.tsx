import { useMemo } from 'react';
import { PATH_SEPARATOR, sortPathRows, type PathComparison, type PathSortKey } from '../../../core/compare/operation-paths.ts';
import { formatDuration } from '../../../core/model/time.ts';
import { updateView, useViewState } from '../../routes/use-view-state.ts';
import { signedDuration } from './compare-format.ts';

const columns: readonly { id: PathSortKey; label: string }[] = [
  { id: 'path', label: 'Service: operation path' },
  { id: 'countA', label: 'A count' },
  { id: 'countB', label: 'B count' },
  { id: 'totalA', label: 'A total' },
  { id: 'meanA', label: 'A mean' },
  { id: 'totalB', label: 'B total' },
  { id: 'meanB', label: 'B mean' },
  { id: 'delta', label: 'Δ total' },
];

/** `sort` in the URL: a column, `-` first for descending; default: the path order of the traces. */
function parseSort(raw: string | undefined): { column: PathSortKey; descending: boolean } | undefined {
  if (raw === undefined) return undefined;
  const column = columns.find((c) => c.id === raw.replace(/^-/, ''))?.id;
  return column ? { column, descending: raw.startsWith('-') } : undefined;
}

/** Spans grouped by their service and operation path, A against B: counts, totals, means and the delta. */
export function PathCompareTable({ rows, junjo }: { rows: readonly PathComparison[]; junjo: boolean }) {
  const sort = parseSort(useViewState((state) => state.sort));
  const sorted = useMemo(() => (sort ? sortPathRows(rows, sort.column, sort.descending) : rows), [rows, sort?.column, sort?.descending]); // eslint-disable-line react-hooks/exhaustive-deps
  const setSort = (column: PathSortKey) => {
    const descending = sort?.column === column ? !sort.descending : column !== 'path';
    updateView({ sort: `${descending ? '-' : ''}${column}` }, 'replace');
  };
  const onlyA = rows.filter((row) => row.presence === 'a-only').length;
  const onlyB = rows.filter((row) => row.presence === 'b-only').length;
  return (
    <section className="cmp-section" aria-labelledby="cmp-paths-title">
      <h2 id="cmp-paths-title">Spans by service and operation path</h2>
      <p className="muted">
        {rows.length} path{rows.length === 1 ? '' : 's'}{junjo ? ' under the two workflow spans' : ''}; {onlyA} only in A, {onlyB} only in B.
      </p>
      <div className="cmp-scroll">
        <table className="cmp-table cmp-path-table">
          <caption className="visually-hidden">Operation paths, {sort ? `sorted by ${sort.column} ${sort.descending ? 'descending' : 'ascending'}` : 'in trace order'}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.id} scope="col" className={c.id === 'path' ? undefined : 'num'} aria-sort={sort?.column === c.id ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                  <button type="button" className="cmp-sort" onClick={() => setSort(c.id)}>
                    {c.label}
                    <span aria-hidden="true">{sort?.column === c.id ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((row) => (
              <tr key={row.path} data-presence={row.presence}>
                <th scope="row" className="cmp-path" title={row.path}>
                  <span className="cmp-path-indent" style={{ paddingLeft: `${Math.min(row.depth, 12) * 12}px` }}>
                    {sort ? row.steps.join(PATH_SEPARATOR) : row.steps.at(-1)}
                  </span>
                  {row.presence !== 'both' && <span className={`cmp-presence cmp-presence-${row.presence}`}>{row.presence === 'a-only' ? 'A only' : 'B only'}</span>}
                </th>
                <td className="num">{row.a.count}</td>
                <td className="num">{row.b.count}</td>
                <td className="num">{row.a.count > 0 ? formatDuration(row.a.total) : '—'}</td>
                <td className="num">{row.a.count > 0 ? formatDuration(row.meanA) : '—'}</td>
                <td className="num">{row.b.count > 0 ? formatDuration(row.b.total) : '—'}</td>
                <td className="num">{row.b.count > 0 ? formatDuration(row.meanB) : '—'}</td>
                <td className={`num ${row.totalDelta > 0 ? 'cmp-slower' : row.totalDelta < 0 ? 'cmp-faster' : ''}`}>{signedDuration(row.totalDelta)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
