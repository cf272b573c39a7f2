import { expect, test } from 'vitest';
import { sourceLabel } from './source-label.ts';

test('a source named after its kind is not labelled twice ("tempo", never "tempo (tempo)")', () => {
  expect(sourceLabel({ name: 'tempo', kind: 'tempo' })).toBe('tempo');
  expect(sourceLabel({ name: 'Jaeger', kind: 'jaeger' })).toBe('Jaeger');
  expect(sourceLabel({ name: 'junjo-studio', kind: 'junjo-studio' })).toBe('junjo-studio');
});

test('other names carry the kind, spelled for people', () => {
  expect(sourceLabel({ name: 'tempo-local', kind: 'tempo' })).toBe('tempo-local (Tempo)');
  expect(sourceLabel({ name: 'prod', kind: 'junjo-studio' })).toBe('prod (Junjo AI Studio)');
});
