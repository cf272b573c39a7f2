import type { SourceInfo, SourceKind } from '../../core/backends/api-types.ts';

const kindNames: Record<SourceKind, string> = {
  tempo: 'Tempo',
  jaeger: 'Jaeger',
  'junjo-studio': 'Junjo AI Studio',
  'junjo-server': 'Junjo Server',
  local: 'local store',
};

/** What kind of backend a source is, for people. */
export const sourceKindName = (kind: SourceKind): string => kindNames[kind];

/**
 * A source's name with its kind when the name does not already say it: "tempo-prod (Tempo)",
 * but "tempo", not "tempo (tempo)".
 */
export function sourceLabel(source: SourceInfo): string {
  const kind = kindNames[source.kind];
  const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
  const name = squash(source.name);
  return name === squash(source.kind) || name === squash(kind) ? source.name : `${source.name} (${kind})`;
}
