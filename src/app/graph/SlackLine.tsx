import { formatDuration } from '../../core/model/time.ts';
import type { FlowNode } from './graph-flow.ts';
import './critical.css';

/** Under a node while the critical path is shown: "critical path", or its slack. */
export function SlackLine({ data }: { data: FlowNode['data'] }) {
  if (data.critical === undefined || data.slack === undefined) return null;
  if (data.critical) return <div className="gf-slack is-critical"><span aria-hidden="true">◆</span> critical path</div>;
  return (
    <div className="gf-slack" title={`Could take ${formatDuration(data.slack)} longer without changing the run`}>
      +{formatDuration(data.slack)} slack
    </div>
  );
}
