import { describe, expect, it } from 'vitest';
import { BackendRequestError, shouldRetry, splitTraceResponse } from './backend-api.ts';
import type { ApiErrorCode } from '../../core/backends/api-types.ts';

const apiFailure = (status: number, code: ApiErrorCode) => new BackendRequestError('api', status, { code, message: 'm', hint: 'h' });

describe('splitTraceResponse', () => {
  const head = { source: 't', kind: 'tempo', traceId: 'ab'.repeat(16), endpoint: 'tempo-v2', partial: { message: 'cut ,"body": here' }, warnings: ['a "quoted" ,"body":1'] };
  const body = '{"trace":{"resourceSpans":[{"body":1,"x":{"body":2}}]}}';

  it('takes the body text as written, without parsing it', () => {
    const split = splitTraceResponse(`${JSON.stringify(head).slice(0, -1)},"body":${body}}`);
    expect(split.bodyText).toBe(body);
    expect(split.head).toEqual(head);
  });

  it('falls back to a full parse for any other key order', () => {
    const split = splitTraceResponse(JSON.stringify({ body: JSON.parse(body), ...head }));
    expect(JSON.parse(split.bodyText)).toEqual(JSON.parse(body));
    expect(split.head).toEqual(head);
  });
});

describe('shouldRetry', () => {
  it.each([
    ['network, first failure', new BackendRequestError('network', 0, { code: 'upstream-unreachable', message: '', hint: '' }), 0, true],
    ['network, third failure', new BackendRequestError('network', 0, { code: 'upstream-unreachable', message: '', hint: '' }), 2, false],
    ['upstream 5xx', apiFailure(502, 'upstream-error'), 1, true],
    ['unreachable', apiFailure(502, 'upstream-unreachable'), 0, true],
    ['timeout, once', apiFailure(504, 'timeout'), 0, true],
    ['timeout, not twice', apiFailure(504, 'timeout'), 1, false],
    ['too large', apiFailure(502, 'response-too-large'), 0, false],
    ['malformed', apiFailure(502, 'malformed-response'), 0, false],
    ['not found', apiFailure(404, 'not-found'), 0, false],
    ['unauthorized', apiFailure(401, 'unauthorized'), 0, false],
    ['no api', new BackendRequestError('no-api', 404, { code: 'unsupported', message: '', hint: '' }), 0, false],
    ['anything else', new Error('x'), 0, false],
  ] as const)('%s', (_name, error, count, expected) => {
    expect(shouldRetry(count, error)).toBe(expected);
  });
});
