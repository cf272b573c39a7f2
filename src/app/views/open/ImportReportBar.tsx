import type { ImportReport } from '../../data/load-protocol.ts';
import { countOf } from '../../ui/count-of.ts';

/** One line saying what was read (beside the view tabs); expands to list what was skipped and why. */
export function ImportReportBar({ report }: { report: ImportReport }) {
  const skipped = report.skipped.length;
  return (
    <div className="report" aria-label="Import report">
      <details>
        <summary>
          {report.fileName}: {countOf(report.spanCount, 'span')} in {countOf(report.traceCount, 'trace')} ({report.envelope}
          {', '}
          {report.millis} ms)
          {skipped > 0 && <span className="error-text"> · {skipped.toLocaleString()} skipped</span>}
          {report.warnings.length > 0 && <span className="error-text"> · {countOf(report.warnings.length, 'warning')}</span>}
        </summary>
        <div className="report-body">
        {report.warnings.length > 0 && (
          <ul>
            {report.warnings.map((warning, i) => (
              <li key={i}>{warning}</li>
            ))}
          </ul>
        )}
        {skipped > 0 && (
          <ul>
            {report.skipped.slice(0, 500).map((skip, i) => (
              <li key={i}>
                {skip.line !== undefined && <>line {skip.line}: </>}
                <code>{skip.path}</code> — {skip.reason}
              </li>
            ))}
            {skipped > 500 && <li>… and {(skipped - 500).toLocaleString()} more</li>}
          </ul>
        )}
        {skipped === 0 && report.warnings.length === 0 && <p className="muted">Everything in the input was read.</p>}
        </div>
      </details>
    </div>
  );
}
