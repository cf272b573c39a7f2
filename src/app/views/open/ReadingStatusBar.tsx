import { useReadingStatus } from '../../data/reading-status.ts';
import './reading-status.css';

const megabytes = (bytes: number): string => (bytes / (1024 * 1024)).toLocaleString('en-US', { maximumFractionDigits: bytes < 10 * 1024 * 1024 ? 1 : 0 });

/**
 * While a large file is read and its first spans are shown: how far the load is, and what the rows
 * on screen are. Screen readers hear a polite announcement at each quarter (a separate live region),
 * not at every step.
 */
export function ReadingStatusBar() {
  const status = useReadingStatus();
  if (!status) return null;
  const { fileName, totalBytes, shownSpans, phase, fraction } = status;
  const percent = Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  const doing = phase === 'Reading' ? '' : `: ${phase}`;
  const shown = `Showing the first ${shownSpans.toLocaleString('en-US')} spans; spans whose parent is not read yet are shown at the top level.`;
  return (
    <div className="reading-status" aria-label="Reading the file" role="region">
      <span className="visually-hidden" role="status" aria-live="polite">
        {`Reading ${fileName}: ${Math.floor(fraction * 4) * 25}%. ${shown}`}
      </span>
      <div className="progress reading-status-bar" role="progressbar" aria-label={`Reading ${fileName}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <div style={{ width: `${percent}%` }} />
      </div>
      <p>
        <strong>
          Reading {fileName}
          {doing}… {percent}%
        </strong>{' '}
        ({megabytes(totalBytes)} MB). {shown} The workflow graph and state follow once the whole file is read.
      </p>
    </div>
  );
}
