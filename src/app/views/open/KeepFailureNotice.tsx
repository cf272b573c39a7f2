import { useKeepFailure } from '../../data/kept-files.ts';

/** Says when the file on screen could not be kept in the browser, so a reload will ask for it. */
export function KeepFailureNotice({ fileName }: { fileName: string }) {
  const failure = useKeepFailure(fileName);
  if (!failure) return null;
  return (
    <p className="keep-failure" role="status">
      {failure}
    </p>
  );
}
