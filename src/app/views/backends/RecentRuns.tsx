import { useSources } from '../../data/use-sources.ts';
import { LocalRuns } from './LocalRuns.tsx';
import { SourceRuns } from './SourceRuns.tsx';
import './backends.css';

/** "Recent workflow runs": one panel per source (the local store first); nothing when there is none. */
export function RecentRuns({ onOpen, headingLevel = 2 }: { onOpen?: () => void; headingLevel?: 2 | 3 }) {
  const { sources } = useSources();
  if (sources.length === 0) return null;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="recent-runs">
      <Heading>Recent workflow runs</Heading>
      {sources.map((source) =>
        source.kind === 'local' ? <LocalRuns key={source.name} source={source} onOpen={onOpen} /> : <SourceRuns key={source.name} source={source} onOpen={onOpen} />,
      )}
    </div>
  );
}
