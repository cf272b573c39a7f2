import { describe, expect, it } from 'vitest';
import { findAttr } from '../model/attributes.ts';
import { decodeInput } from './decode-input.ts';
import { decodeOk } from './test-fixtures.ts';

/** What `ConsoleSpanExporter` prints for two spans (Python SDK 1.2x, `indent=4`). */
const span = (name: string, spanId: string, parentId: string | null, start: string, end: string, extra = '') => `{
    "name": "${name}",
    "context": {
        "trace_id": "0x5b8aa5a2d2c872e8321cf37308d69df2",
        "span_id": "${spanId}",
        "trace_state": "[]"
    },
    "kind": "SpanKind.INTERNAL",
    "parent_id": ${parentId === null ? 'null' : `"${parentId}"`},
    "start_time": "${start}",
    "end_time": "${end}",
    "status": {
        "status_code": "${extra ? 'ERROR' : 'UNSET'}"${extra ? ',\n        "description": "ValueError: bad {input}"' : ''}
    },
    "attributes": {
        "junjo.span_type": "node",
        "retries": 2,
        "ratio": 0.25,
        "tags": ["a", "b"],
        "note": "braces } and { inside a string \\" quote"
    },
    "events": [${extra}],
    "links": [],
    "resource": {
        "attributes": {
            "telemetry.sdk.language": "python",
            "telemetry.sdk.name": "opentelemetry",
            "service.name": "junjo-demo"
        },
        "schema_url": ""
    }
}
`;
const event = `
        {
            "name": "exception",
            "timestamp": "2024-05-01T10:00:00.250000Z",
            "attributes": {
                "exception.type": "ValueError"
            }
        }
    `;
const child = span('CountItemsNode', '0x051581bf3cb55c13', '0x0000000000000001', '2024-05-01T10:00:00.100000Z', '2024-05-01T10:00:00.300000Z', event);
const root = span('demo_workflow', '0x0000000000000001', null, '2024-05-01T10:00:00.000000Z', '2024-05-01T10:00:00.400000Z');

describe('Python ConsoleSpanExporter output', () => {
  it('reads concatenated pretty-printed span objects', async () => {
    const result = await decodeOk(child + root);
    expect(result.format).toBe('python-console');
    expect(result.spans).toHaveLength(2);
    const [c, r] = result.spans;
    expect(c).toMatchObject({ traceId: '5b8aa5a2d2c872e8321cf37308d69df2', spanId: '051581bf3cb55c13', parentSpanId: '0000000000000001', kind: 'internal', name: 'CountItemsNode' });
    expect(r!.parentSpanId).toBeNull();
    expect(c!.startNs).toBe(1714557600100000000n);
    expect(c!.endNs - c!.startNs).toBe(200_000_000n);
    expect(c!.status).toEqual({ code: 'error', message: 'ValueError: bad {input}' });
    expect(r!.status.code).toBe('unset');
    expect(c!.events[0]!.name).toBe('exception');
    expect(c!.events[0]!.timeNs).toBe(1714557600250000000n);
    expect(findAttr(c!.attributes, 'retries')).toEqual({ type: 'int', value: 2n });
    expect(findAttr(c!.attributes, 'ratio')).toEqual({ type: 'double', value: 0.25 });
    expect(findAttr(c!.attributes, 'note')).toEqual({ type: 'string', value: 'braces } and { inside a string " quote' });
    expect(c!.resource.serviceName).toBe('junjo-demo');
    expect(c!.resource).toBe(r!.resource);
    expect(c!.traceState).toBe('');
  });

  it('reports a bad object by its line and keeps the others', async () => {
    const broken = root.replace('"kind": "SpanKind.INTERNAL",', '"kind": SpanKind.INTERNAL,');
    const result = await decodeOk(child + broken + child.replace('0x051581bf3cb55c13', '0x051581bf3cb55c14'));
    expect(result.spans).toHaveLength(2);
    expect(result.skipped).toHaveLength(1);
    expect(result.skipped[0]!.line).toBe(child.split('\n').length);
  });

  it("keeps Python's bare NaN and Infinity as text instead of losing the span", async () => {
    const withNaN = child.replace('"ratio": 0.25', '"ratio": NaN, "limit": -Infinity');
    const result = await decodeOk(withNaN + root);
    expect(result.spans).toHaveLength(2);
    expect(findAttr(result.spans[0]!.attributes, 'ratio')).toEqual({ type: 'string', value: 'NaN' });
    expect(findAttr(result.spans[0]!.attributes, 'limit')).toEqual({ type: 'string', value: '-Infinity' });
  });

  it('a single console span (valid JSON on its own) is recognised too', async () => {
    const result = await decodeOk(root);
    expect(result.format).toBe('python-console');
  });

  it('a span with an unreadable end time is skipped with the field named', async () => {
    const outcome = await decodeInput(root.replace('"end_time": "2024-05-01T10:00:00.400000Z"', '"end_time": null') + child);
    expect(outcome.ok).toBe(true);
    if (outcome.ok) {
      expect(outcome.result.spans).toHaveLength(1);
      expect(outcome.result.skipped[0]!.path).toMatch(/end_time$/);
      expect(outcome.result.skipped[0]!.line).toBe(1);
    }
  });
});

describe('Python console output: one span with NaN', () => {
  it('is read through the lenient retry', async () => {
    const result = await decodeOk(root.replace('"ratio": 0.25', '"ratio": NaN'));
    expect(result.spans).toHaveLength(1);
  });
});
