import { acrossRunsHref, acrossRunsState } from '../routes/across-runs.ts';
import { navigateTo } from '../routes/use-view-state.ts';

/** A link to one workflow across its recent runs in a source with history (a real link: it opens in a new tab too). */
export function AcrossRunsLink({ source, workflow, service, children, className = 'link' }: { source: string; workflow: string; service?: string | null; children: React.ReactNode; className?: string }) {
  return (
    <a
      className={className}
      href={acrossRunsHref(source, workflow, service)}
      title={`${workflow} across its recent runs in ${source}: durations per node, failure rates, edges taken`}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigateTo(acrossRunsState(source, workflow, service));
      }}
    >
      {children}
    </a>
  );
}
