import { useReadingStatus } from '../../data/reading-status.ts';
import './reading-status.css';

const megabytes = (bytes: number): string => (bytes / (1024 * 1024)).toLocaleString('en-US', { maximumFractionDigits: bytes < 10 * 1024 * 1024 ? 1 : 0 });

/**
 * While a large file is read in chunks and its first spans are shown: how far the reading is, and
 * what the rows on screen are. The visible line moves about once a second; screen readers hear a
 * polite announcement at each quarter (a separate live region), not every second.
 */
export function ReadingStatusBar() {
  const status = useReadingStatus();
  if (!status) return null;
  const { fileName, bytesRead, totalBytes, shownSpans, phase } = status;
  const fraction = totalBytes > 0 ? Math.min(1, bytesRead / totalBytes) : 0;
  const percent = Math.floor(fraction * 100);
  const reading = phase === 'Reading' && bytesRead < totalBytes;
  const announced = reading
    ? `Reading ${fileName}: ${Math.floor(fraction * 4) * 25}%. Showing the first ${shownSpans.toLocaleString('en-US')} spans; spans whose parent is not read yet are shown at the top level.`
    : `Read ${fileName}; preparing the whole trace.`;
  return (
    <div className="reading-status" aria-label="Reading the file" role="region">
      <span className="visually-hidden" role="status" aria-live="polite">
        {announced}
      </span>
      <div className="progress reading-status-bar" role="progressbar" aria-label={`Reading ${fileName}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={reading ? percent : 100}>
        <div style={{ width: `${reading ? percent : 100}%` }} />
      </div>
      <p>
        {reading ? (
          <>
            <strong>
              Reading {fileName}: {percent}%
            </strong>{' '}
            ({megabytes(bytesRead)} of {megabytes(totalBytes)} MB).
          </>
        ) : (
          <>
            <strong>Read {fileName}</strong> ({megabytes(totalBytes)} MB); preparing the whole trace ({phase.toLowerCase()})….
          </>
        )}{' '}
        Showing the first {shownSpans.toLocaleString('en-US')} spans; spans whose parent is not read yet are shown at the top level. The workflow graph and state follow once the whole file is read.
      </p>
    </div>
  );
}
