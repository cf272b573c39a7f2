import { describe, expect, it } from 'vitest';
import { describeMisses, listNames, type SourceMiss } from './find-trace.ts';

const id = 'de1ede1ede1ede1ede1ede1ede1ede01';
const notFound = (source: string): SourceMiss => ({
  source,
  code: 'not-found',
  message: `Trace ${id} was not found in source "${source}" (asked Tempo API v2). Time range: none given, so Tempo searched all blocks.`,
  hint: 'Check the ID and the source.',
});
const denied: SourceMiss = { source: 'tempo', code: 'unauthorized', message: 'Source "tempo" refused access: unauthorized (HTTP 401).', hint: 'Check the credentials.' };

describe('describeMisses', () => {
  it('says "not found" only for sources that answered so, with their time ranges', () => {
    const { message, details } = describeMisses(id, [notFound('tempo'), notFound('jaeger')]);
    expect(message).toBe(`Trace ${id} was not found in tempo and jaeger.`);
    expect(details).toEqual([notFound('tempo').message, notFound('jaeger').message]);
  });

  it('keeps a refusal apart from not found, and adds what to do about it', () => {
    const { message, details } = describeMisses(id, [denied, notFound('jaeger')]);
    expect(message).toBe(`Trace ${id} could not be opened: not found in jaeger; tempo refused access (unauthorized).`);
    expect(message).not.toContain('could not be found');
    expect(details).toEqual(['Source "tempo" refused access: unauthorized (HTTP 401). Check the credentials.', notFound('jaeger').message]);
  });

  it('names each kind of failure', () => {
    const miss = (source: string, code: SourceMiss['code']): SourceMiss => ({ source, code, message: `${source} failed.`, hint: '' });
    const { message, details } = describeMisses(id, [
      miss('a', 'tenant-missing'),
      miss('b', 'upstream-unreachable'),
      miss('c', 'timeout'),
      miss('d', 'response-too-large'),
      miss('e', 'malformed-response'),
      miss('f', undefined),
    ]);
    expect(message).toBe(
      `Trace ${id} could not be opened: a needs a tenant; b could not be reached; c timed out; d sent a response that is too large; e sent a malformed response; f failed.`,
    );
    expect(details[5]).toBe('f failed.');
  });
});

describe('listNames', () => {
  it('joins names in prose', () => {
    expect(listNames(['a'])).toBe('a');
    expect(listNames(['a', 'b', 'c'])).toBe('a, b and c');
  });
});
