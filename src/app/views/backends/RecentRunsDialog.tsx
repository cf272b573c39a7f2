import { useRef, useState } from 'react';
import { useSources } from '../../data/use-sources.ts';
import { RecentRuns } from './RecentRuns.tsx';

/** The header's way to the recent runs while a trace is open: a native modal <dialog>. */
export function RecentRunsDialog() {
  const { sources } = useSources();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  if (sources.length === 0) return null;
  return (
    <>
      <button
        type="button"
        className="button"
        onClick={() => {
          setOpen(true);
          dialog.current?.showModal();
        }}
      >
        Recent runs
      </button>
      <dialog ref={dialog} className="runs-dialog" aria-label="Recent workflow runs" onClose={() => setOpen(false)}>
        {open && <RecentRuns headingLevel={2} onOpen={() => dialog.current?.close()} />}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => dialog.current?.close()}>
            Close
          </button>
        </div>
      </dialog>
    </>
  );
}
