import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findAttr, stringAttr } from '../model/attributes.ts';
import { parseIsoToEpochNs } from '../model/time.ts';
import { decodeOk, fixturesDir, spanById } from './test-fixtures.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const dir = `${fixturesDir}/junjo/workflow`;
const files = readdirSync(dir).filter((name) => name.endsWith('.json'));

/** The typed form a plain JSON value should take. */
const typeOf = (value: unknown) =>
  typeof value === 'string' ? 'string' : typeof value === 'boolean' ? 'bool' : Number.isInteger(value) ? 'int' : typeof value === 'number' ? 'double' : Array.isArray(value) ? 'array' : value === null ? 'empty' : 'map';

describe('Junjo contract fixtures', () => {
  it('has the four workflow fixtures', () => expect(files.length).toBe(4));

  it.each(files)('%s decodes row by row', async (name) => {
    const text = readFileSync(`${dir}/${name}`, 'utf8');
    const doc: Json = JSON.parse(text);
    const result = await decodeOk(new TextEncoder().encode(text));
    expect(result.format).toBe('junjo-rows');
    expect(result.envelope).toBe('Junjo telemetry fixture');
    expect(result.spans).toHaveLength(doc.spans.length);
    expect(result.skipped).toEqual([]);
    for (const row of doc.spans as Json[]) {
      const span = spanById(result.spans, row.span_id);
      expect(span.traceId).toBe(doc.trace_id);
      expect(span.parentSpanId).toBe(row.parent_span_id);
      expect(span.name).toBe(row.name);
      expect(span.kind).toBe(row.kind.toLowerCase());
      expect(span.status.code).toBe(['unset', 'ok', 'error'][Number(row.status_code)]);
      expect(span.startNs).toBe(parseIsoToEpochNs(row.start_time));
      expect(span.endNs).toBe(parseIsoToEpochNs(row.end_time));
      expect(span.endNs - span.startNs).toBe(
        BigInt(Date.parse(row.end_time) - Date.parse(row.start_time)) * 1_000_000n,
      );
      expect(span.resource.serviceName).toBe(row.service_name);
      expect(span.attributes.map((a) => a.key)).toEqual(Object.keys(row.attributes_json));
      for (const [key, value] of Object.entries(row.attributes_json)) {
        const attr = findAttr(span.attributes, key)!;
        expect(attr.type).toBe(typeOf(value));
        if (attr.type === 'int') expect(attr.value).toBe(BigInt(value as number));
        else if (attr.type !== 'array' && attr.type !== 'map' && attr.type !== 'bytes' && attr.type !== 'empty') expect(attr.value).toBe(value);
      }
      expect(span.events).toHaveLength(row.events_json.length);
      row.events_json.forEach((event: Json, i: number) => {
        expect(span.events[i]!.name).toBe(event.name);
        expect(span.events[i]!.timeNs).toBe(BigInt(event.timeUnixNano));
        expect(stringAttr(span.events[i]!.attributes, 'junjo.state_json_patch')).toBe(event.attributes['junjo.state_json_patch']);
        expect(findAttr(span.events[i]!.attributes, 'junjo.store.transition.sequence')).toEqual({
          type: 'int',
          value: BigInt(event.attributes['junjo.store.transition.sequence']),
        });
      });
    }
    // Rows repeat the same resource: interned into one object.
    expect(new Set(result.spans.map((s) => s.resource)).size).toBe(1);
  });

  it('keeps graph and state payloads as strings', async () => {
    const result = await decodeOk(readFileSync(`${dir}/basic_workflow_success.json`, 'utf8'));
    const workflow = result.spans.find((s) => s.parentSpanId === null)!;
    const graph = stringAttr(workflow.attributes, 'junjo.workflow.execution_graph_snapshot')!;
    expect(JSON.parse(graph).v).toBe(2);
    expect(findAttr(workflow.attributes, 'junjo.store.reconstructable')).toEqual({ type: 'bool', value: true });
  });

  it('cancelled fixture: junjo.cancelled is a bool', async () => {
    const result = await decodeOk(readFileSync(`${dir}/cancelled_executable.json`, 'utf8'));
    expect(findAttr(result.spans[1]!.attributes, 'junjo.cancelled')).toEqual({ type: 'bool', value: true });
  });

  it('reads a bare array of rows', async () => {
    const doc: Json = JSON.parse(readFileSync(`${dir}/run_concurrent_success.json`, 'utf8'));
    const result = await decodeOk(JSON.stringify(doc.spans));
    expect(result.envelope).toBe('list of Junjo span rows');
    expect(result.spans).toHaveLength(doc.spans.length);
  });
});

describe('Junjo rows from older backends', () => {
  const legacyRow = {
    trace_id: 'ABCDEF0123456789ABCDEF0123456789',
    span_id: '0123456789ABCDEF',
    parent_span_id: '',
    service_name: 'legacy-svc',
    name: 'demo_base_workflow',
    kind: 'CLIENT',
    start_time: '2025-03-01T10:00:00.123456+00:00',
    end_time: '2025-03-01T10:00:01.5Z',
    status_code: '2',
    status_message: 'boom',
    attributes_json: '{"temperature": 0.5, "tags": ["a", 1], "nested": {"k": false}}',
    events_json: [{ name: 'set_state', timeUnixNano: 1740823200500000000, attributes: { 'junjo.store.id': 's1' } }],
    junjo_id: 'Vh3kQ9bX2mLp7RtY0aZcE',
    junjo_parent_id: null,
    junjo_span_type: 'workflow',
    junjo_wf_state_start: '{"counter":0}',
    junjo_wf_state_end: '{"counter":13}',
    junjo_wf_graph_structure: { v: 1, nodes: [{ id: 'n1', type: 'CountItemsNode', label: 'CountItemsNode' }], edges: [] },
    junjo_wf_store_id: 'store-1',
  };

  it('merges legacy Junjo Server columns back into junjo.* attributes', async () => {
    const result = await decodeOk(JSON.stringify([legacyRow]));
    const span = result.spans[0]!;
    // The Go server wrote OTLP kind 1 (internal) as "CLIENT" (formats.md §9): read back as internal.
    expect(span).toMatchObject({ traceId: 'abcdef0123456789abcdef0123456789', spanId: '0123456789abcdef', parentSpanId: null, kind: 'internal' });
    expect(span.status).toEqual({ code: 'error', message: 'boom' });
    expect(span.startNs).toBe(1740823200123456000n);
    expect(span.endNs).toBe(1740823201500000000n);
    expect(stringAttr(span.attributes, 'junjo.id')).toBe(legacyRow.junjo_id);
    expect(stringAttr(span.attributes, 'junjo.span_type')).toBe('workflow');
    expect(stringAttr(span.attributes, 'junjo.workflow.store.id')).toBe('store-1');
    expect(stringAttr(span.attributes, 'junjo.workflow.state.end')).toBe('{"counter":13}');
    expect(findAttr(span.attributes, 'junjo.parent_id')).toBeUndefined();
    expect(JSON.parse(stringAttr(span.attributes, 'junjo.workflow.graph_structure')!)).toEqual(legacyRow.junjo_wf_graph_structure);
    expect(findAttr(span.attributes, 'temperature')).toEqual({ type: 'double', value: 0.5 });
    expect(findAttr(span.attributes, 'tags')).toEqual({ type: 'array', values: [{ type: 'string', value: 'a' }, { type: 'int', value: 1n }] });
    expect(findAttr(span.attributes, 'nested')).toEqual({ type: 'map', entries: [{ key: 'k', value: { type: 'bool', value: false } }] });
    expect(span.events[0]!.timeNs).toBe(BigInt(1740823200500000000));
    expect(span.resource.serviceName).toBe('legacy-svc');
  });

  it('does not overwrite an attribute that the row already has', async () => {
    const row = { ...legacyRow, attributes_json: { 'junjo.id': 'from-attributes' } };
    const result = await decodeOk(JSON.stringify([row]));
    expect(stringAttr(result.spans[0]!.attributes, 'junjo.id')).toBe('from-attributes');
  });

  it('skips a row with an unreadable time, keeps the others', async () => {
    const bad = { ...legacyRow, span_id: '1111111111111111', start_time: 'yesterday' };
    const result = await decodeOk(JSON.stringify([legacyRow, bad]));
    expect(result.spans).toHaveLength(1);
    expect(result.skipped[0]).toMatchObject({ path: '[1].start_time' });
    expect(result.skipped[0]!.reason).toMatch(/"yesterday"/);
  });

  it("ignores the Go server's {} in the workflow columns of spans that are not workflows", async () => {
    const node = { ...legacyRow, span_id: '2222222222222222', junjo_span_type: 'node', junjo_wf_state_start: {}, junjo_wf_state_end: '{}', junjo_wf_graph_structure: {}, junjo_wf_store_id: '', kind: 'INTERNAL' };
    const result = await decodeOk(JSON.stringify([node]));
    const span = result.spans[0]!;
    expect(findAttr(span.attributes, 'junjo.workflow.state.start')).toBeUndefined();
    expect(findAttr(span.attributes, 'junjo.workflow.state.end')).toBeUndefined();
    expect(findAttr(span.attributes, 'junjo.workflow.graph_structure')).toBeUndefined();
    expect(stringAttr(span.attributes, 'junjo.span_type')).toBe('node');
    expect(span.kind).toBe('client'); // OTLP 3 (client) was written "INTERNAL"
  });

  it('decodes a whole Junjo Server trace (nested-spans rows) with its workflow state and graph', async () => {
    const text = readFileSync(`${fixturesDir}/junjo-studio/junjo-server/nested-spans.json`, 'utf8');
    const rows = JSON.parse(text) as Json[];
    const result = await decodeOk(text);
    expect(result.spans).toHaveLength(rows.length);
    expect(result.skipped).toEqual([]);
    const workflow = result.spans.find((s) => stringAttr(s.attributes, 'junjo.span_type') === 'workflow')!;
    expect(workflow.name).toBe('demo_base_workflow');
    expect(workflow.kind).toBe('internal');
    expect(JSON.parse(stringAttr(workflow.attributes, 'junjo.workflow.graph_structure')!)).toHaveProperty('nodes');
    expect(JSON.parse(stringAttr(workflow.attributes, 'junjo.workflow.state.start')!)).toBeTypeOf('object');
    const withStateStart = result.spans.filter((s) => findAttr(s.attributes, 'junjo.workflow.state.start') !== undefined);
    expect(withStateStart.map((s) => stringAttr(s.attributes, 'junjo.span_type')).sort()).toEqual(['subflow', 'workflow']);
  });
});
