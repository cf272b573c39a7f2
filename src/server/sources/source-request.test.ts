import { describe, expect, it } from 'vitest';
import { buildUpstreamUrl } from './source-request.ts';

describe('buildUpstreamUrl', () => {
  const base = new URL('https://tempo.example.com/tempo');

  it('appends fixed segments under the path prefix and encodes the query', () => {
    const url = buildUpstreamUrl(base, ['api', 'search'], [['q', '{ a = "b" && c }'], ['start', '1']]);
    expect(url?.href).toBe('https://tempo.example.com/tempo/api/search?q=%7B%20a%20%3D%20%22b%22%20%26%26%20c%20%7D&start=1');
    expect(buildUpstreamUrl(new URL('http://h:3200'), ['api', 'traces', 'ab'])?.href).toBe('http://h:3200/api/traces/ab');
  });

  it.each([['..'], ['.'], ['a/b'], ['a\\b'], ['%2e%2e'], [''], ['@evil.example'], ['a?b'], ['a#b'], ['//evil.example']])('refuses segment %j', (segment) =>
    expect(buildUpstreamUrl(base, ['api', 'traces', segment])).toBeUndefined(),
  );

  it('cannot be steered to another host through the query', () => {
    const url = buildUpstreamUrl(base, ['api', 'search'], [['q', '//evil.example/x?y#z']]);
    expect(url?.host).toBe('tempo.example.com');
    expect(url?.pathname).toBe('/tempo/api/search');
  });
});
