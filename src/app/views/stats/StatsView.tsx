import { useMemo } from 'react';
import type { Trace } from '../../../core/model/trace.ts';
import { formatDuration } from '../../../core/model/time.ts';
import { sortStatistics, type StatisticsColumn } from '../../../core/trace/trace-statistics.ts';
import { statisticsOf } from '../../data/trace-analyses.ts';
import { updateView, useViewState } from '../../routes/use-view-state.ts';
import { countOf } from '../../ui/count-of.ts';
import './stats.css';

const columns: readonly { id: StatisticsColumn; label: string; numeric: boolean; time?: boolean }[] = [
  { id: 'service', label: 'Service', numeric: false },
  { id: 'operation', label: 'Operation', numeric: false },
  { id: 'count', label: 'Count', numeric: true },
  { id: 'total', label: 'Total', numeric: true, time: true },
  { id: 'self', label: 'Self', numeric: true, time: true },
  { id: 'avg', label: 'Average', numeric: true, time: true },
  { id: 'min', label: 'Min', numeric: true, time: true },
  { id: 'max', label: 'Max', numeric: true, time: true },
  { id: 'errors', label: 'Errors', numeric: true },
];

/** `sort` in the URL: a column, `-` first for descending; default total, largest first. */
export function parseSort(raw: string | undefined): { column: StatisticsColumn; descending: boolean } {
  const descending = raw === undefined || raw.startsWith('-');
  const name = raw?.replace(/^-/, '') ?? 'total';
  const column = columns.find((c) => c.id === name)?.id ?? 'total';
  return { column, descending };
}

/** Trace statistics (as Jaeger's): one row per service and operation; a row opens the waterfall filtered to it. */
export function StatsView({ trace }: { trace: Trace }) {
  const sort = parseSort(useViewState((state) => state.sort));
  const rows = useMemo(() => sortStatistics(statisticsOf(trace), sort.column, sort.descending), [trace, sort.column, sort.descending]);
  const setSort = (column: StatisticsColumn, numeric: boolean) => {
    const descending = sort.column === column ? !sort.descending : numeric;
    updateView({ sort: column === 'total' && descending ? undefined : `${descending ? '-' : ''}${column}` }, 'replace');
  };

  return (
    <section className="stats-view" aria-label="Trace statistics">
      <p className="st-summary muted">
        {countOf(rows.length, 'operation')} in {countOf(trace.spans.length, 'span')}. Self time is the part of a span not covered by its children. Choose an operation to see its spans in the waterfall.
      </p>
      <div className="st-scroll">
        <table className="st-table">
          <caption className="visually-hidden">Spans by service and operation, sorted by {sort.column} {sort.descending ? 'descending' : 'ascending'}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.id} scope="col" className={c.numeric ? 'num' : undefined} aria-sort={sort.column === c.id ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                  <button type="button" className="st-sort" onClick={() => setSort(c.id, c.numeric)}>
                    {c.label}
                    <span aria-hidden="true">{sort.column === c.id ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className={row.errors > 0 ? 'has-errors' : undefined}>
                <td>{row.service}</td>
                <td>
                  <button
                    type="button"
                    className="st-op"
                    title="Show these spans in the waterfall"
                    onClick={() => updateView({ view: 'waterfall', op: { service: row.service, operation: row.operation } }, 'push')}
                  >
                    {row.operation}
                  </button>
                </td>
                <td className="num">{row.count.toLocaleString()}</td>
                <td className="num">{formatDuration(row.total)}</td>
                <td className="num">{formatDuration(row.self)}</td>
                <td className="num">{formatDuration(row.avg)}</td>
                <td className="num">{formatDuration(row.min)}</td>
                <td className="num">{formatDuration(row.max)}</td>
                <td className="num">{row.errors > 0 ? <strong className="st-errors">{row.errors.toLocaleString()}</strong> : '0'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
