/** The across-runs screen of a workflow (view-state.ts `runs` source), for the links that lead to it. */
import { defaultRunsLimit, emptyViewState, serializeViewState, type ViewState } from './view-state.ts';

export const acrossRunsState = (source: string, workflow: string, service?: string | null): ViewState => ({
  ...emptyViewState,
  source: { kind: 'runs', source, workflow, ...(service ? { service } : {}), limit: defaultRunsLimit },
});

export const acrossRunsHref = (source: string, workflow: string, service?: string | null): string => serializeViewState(acrossRunsState(source, workflow, service));
