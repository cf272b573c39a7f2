import { useEffect, useState, type ReactNode } from 'react';
import { openSample } from '../../data/open-input.ts';
import { OpenFileButton } from './OpenFileButton.tsx';
import { KeptFiles } from './KeptFiles.tsx';

interface SampleEntry {
  readonly file: string;
  readonly title: string;
  readonly description: string;
}

/** The page with nothing open: drop zone, file button, `children` (the recent backend runs), and the bundled samples. */
export function StartScreen({ children }: { children?: ReactNode }) {
  const [samples, setSamples] = useState<readonly SampleEntry[] | 'error' | undefined>();
  useEffect(() => {
    let cancelled = false;
    fetch('/samples/index.json')
      .then((response) => (response.ok ? (response.json() as Promise<{ samples?: SampleEntry[] } | SampleEntry[]>) : Promise.reject(new Error(String(response.status)))))
      .then((data) => {
        if (!cancelled) setSamples(Array.isArray(data) ? data : (data.samples ?? []));
      })
      .catch(() => !cancelled && setSamples('error'));
    return () => {
      cancelled = true;
    };
  }, []);

  return (
    <div className="start">
      <h1>Open a trace</h1>
      <p className="muted">
        See a Junjo workflow run as its graph, a span waterfall and its state, step by step. Any OpenTelemetry trace opens too.
      </p>
      <div className="dropzone">
        <p>
          <strong>Drop a trace file anywhere on this page</strong>, paste JSON (Ctrl+V), or
        </p>
        <OpenFileButton label="Choose a file…" primary />
        <p className="muted formats">OTLP JSON or JSON Lines, Tempo and Jaeger API responses, Jaeger JSON, Junjo AI Studio span rows, Python console exporter output; gzip is fine.</p>
      </div>
      <KeptFiles />
      {children}
      <h2>Samples</h2>
      {samples === 'error' && <p className="error-text">The sample list could not be loaded. Run `npm run samples` and restart the viewer.</p>}
      {samples === undefined && <p className="muted">Loading samples…</p>}
      {Array.isArray(samples) && (
        <ul className="sample-list" aria-label="Sample traces">
          {samples.map((sample) => (
            <li key={sample.file}>
              <button type="button" onClick={() => openSample(sample.file)}>
                <strong>{sample.title}</strong>
                <span className="muted">{sample.description}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
