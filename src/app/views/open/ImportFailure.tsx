import type { ImportError } from '../../../core/formats/types.ts';
import { OpenFileButton } from './OpenFileButton.tsx';

/** A failed import: announced to screen readers (role=alert), with what to do next. */
export function ImportFailure({ fileName, error }: { fileName: string; error: ImportError }) {
  return (
    <div className="alert" role="alert">
      <h2>Could not open {fileName}</h2>
      <p>{error.message}</p>
      <p className="muted">{error.hint}</p>
      <p>
        <OpenFileButton label="Open another file" />
      </p>
    </div>
  );
}
