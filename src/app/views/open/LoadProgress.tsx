/** Loading indicator with a real progressbar role and value. */
export function LoadProgress({ fileName, fraction, phase }: { fileName: string; fraction: number; phase: string }) {
  const percent = Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  return (
    <div className="loading">
      <div>
        Opening <strong>{fileName}</strong>: {phase}…
      </div>
      <div className="progress" role="progressbar" aria-label={`Opening ${fileName}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <div style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
