import type { ImportReport } from '../../data/load-protocol.ts';

/** One line saying what was read; expands to list what was skipped and why. */
export function ImportReportBar({ report }: { report: ImportReport }) {
  const skipped = report.skipped.length;
  return (
    <div className="report" aria-label="Import report">
      <details>
        <summary>
          {report.fileName}: {report.spanCount.toLocaleString()} span{report.spanCount === 1 ? '' : 's'} in {report.traceCount} trace{report.traceCount === 1 ? '' : 's'} ({report.envelope}
          {', '}
          {report.millis} ms)
          {skipped > 0 && <span className="error-text"> · {skipped.toLocaleString()} skipped</span>}
          {report.warnings.length > 0 && <span className="error-text"> · {report.warnings.length} warning{report.warnings.length === 1 ? '' : 's'}</span>}
        </summary>
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
      </details>
    </div>
  );
}
