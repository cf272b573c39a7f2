/**
 * The rows one group commit writes, prepared by the store (trace-store.ts: dedup, run summaries,
 * chunks) and written in one transaction, on the store's own connection or on the writer thread
 * (store-writer.ts). A plan is plain data that moves to a thread cheaply: the protobuf bytes of
 * all its chunks in one buffer (transferred, not copied), resource and scope texts once each.
 */
import type { Db } from './open-database.ts';
import type { StoreSpan } from './store-span.ts';

export interface PlanChunk {
  readonly traceId: string;
  /** Index into `WritePlan.texts` of the resource's OTLP/JSON text. */
  readonly resource: number;
  /** Index into `WritePlan.texts` of the scope's OTLP/JSON text. */
  readonly scope: number;
  /** The chunk's span ids, comma-separated. */
  readonly ids: string;
  /** OTLP/JSON Span texts, comma-separated ('' for a protobuf chunk). */
  readonly json: string;
  /** Byte range of the chunk's protobuf spans in `WritePlan.proto` (start === end: none). */
  readonly protoStart: number;
  readonly protoEnd: number;
}

/** A run summary row, in the column order of the `traces` table. */
export type SummaryValues = readonly [
  traceId: string, startNs: bigint, endNs: bigint, spanCount: number, errorCount: number, bytes: number, rootName: string | null,
  rootService: string | null, rootStartNs: bigint | null, service: string | null, workflowName: string | null, workflowStartNs: bigint | null,
  generation: string | null, hasNodeGather: number, status: string, firstReceivedMs: number, lastReceivedMs: number,
];

export interface WritePlan {
  readonly texts: readonly string[];
  readonly chunks: readonly PlanChunk[];
  readonly proto: Uint8Array;
  readonly summaries: readonly SummaryValues[];
}

/** About the bytes a plan adds to the WAL (its protobuf bytes, chunk texts and ids): what checkpoints count. */
export function planBytes(plan: WritePlan): number {
  let bytes = plan.proto.byteLength;
  for (const chunk of plan.chunks) bytes += chunk.json.length + chunk.ids.length;
  return bytes;
}

/** Writes plans on `db`, each in one transaction; throws when one fails (nothing of it is kept). */
export type PlanWriter = (plan: WritePlan) => void;

export function planWriter(db: Db): PlanWriter {
  const insertChunk = db.prepare<[string, number, number, string, string, Buffer | null]>(
    'INSERT INTO chunks (trace_id, resource_id, scope_id, span_ids, json, proto) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertResource = db.prepare<[string]>('INSERT OR IGNORE INTO resources (json) VALUES (?)');
  const resourceId = db.prepare<[string]>('SELECT id FROM resources WHERE json = ?').pluck();
  const insertScope = db.prepare<[string]>('INSERT OR IGNORE INTO scopes (json) VALUES (?)');
  const scopeId = db.prepare<[string]>('SELECT id FROM scopes WHERE json = ?').pluck();
  const upsertSummary = db.prepare(
    `INSERT OR REPLACE INTO traces (trace_id, start_ns, end_ns, span_count, error_count, bytes, root_name, root_service, root_start_ns, service,
       workflow_name, workflow_start_ns, generation, has_node_gather, status, first_received_ms, last_received_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // Row ids of resource and scope texts already stored (a failed transaction forgets them).
  const resourceIds = new Map<string, number>();
  const scopeIds = new Map<string, number>();
  const idOf = (cache: Map<string, number>, insert: typeof insertResource, select: typeof resourceId, json: string): number => {
    let id = cache.get(json);
    if (id !== undefined) return id;
    insert.run(json);
    id = Number(select.get(json));
    cache.set(json, id);
    return id;
  };
  const write = db.transaction((plan: WritePlan) => {
    const resources = new Map<number, number>();
    const scopes = new Map<number, number>();
    const proto = Buffer.from(plan.proto.buffer, plan.proto.byteOffset, plan.proto.byteLength);
    for (const chunk of plan.chunks) {
      let resource = resources.get(chunk.resource);
      if (resource === undefined) resources.set(chunk.resource, (resource = idOf(resourceIds, insertResource, resourceId, plan.texts[chunk.resource]!)));
      let scope = scopes.get(chunk.scope);
      if (scope === undefined) scopes.set(chunk.scope, (scope = idOf(scopeIds, insertScope, scopeId, plan.texts[chunk.scope]!)));
      const bytes = chunk.protoEnd > chunk.protoStart ? proto.subarray(chunk.protoStart, chunk.protoEnd) : null;
      insertChunk.run(chunk.traceId, resource, scope, chunk.ids, chunk.json, bytes);
    }
    for (const values of plan.summaries) upsertSummary.run(...values);
  });
  return (plan) => {
    try {
      write(plan);
    } catch (error) {
      resourceIds.clear();
      scopeIds.clear();
      throw error;
    }
  };
}

interface OpenChunk {
  readonly traceId: string;
  readonly resource: number;
  readonly scope: number;
  readonly isText: boolean;
  readonly ids: string[];
  readonly json: string[];
  readonly proto: Uint8Array[];
}

/**
 * Builds a plan span by span: the spans of one trace, resource and scope of one export form one
 * chunk (`endExport` closes the export's chunks), resource and scope texts are kept once.
 */
export class PlanBuilder {
  private readonly texts: string[] = [];
  private readonly textIndex = new Map<string, number>();
  private readonly done: OpenChunk[] = [];
  private open = new Map<string, OpenChunk>();
  // Spans of one chunk mostly come one after another: the last chunk is found without a key.
  private last: OpenChunk | undefined;
  private resourceText = '';
  private resource = -1;
  private scopeText = '';
  private scope = -1;
  private protoBytes = 0;

  private indexOf(text: string): number {
    let index = this.textIndex.get(text);
    if (index === undefined) {
      this.textIndex.set(text, (index = this.texts.length));
      this.texts.push(text);
    }
    return index;
  }

  add(span: StoreSpan): void {
    if (span.resourceJson !== this.resourceText) this.resource = this.indexOf((this.resourceText = span.resourceJson));
    if (span.scopeJson !== this.scopeText) this.scope = this.indexOf((this.scopeText = span.scopeJson));
    const encoded = span.encoded;
    const isText = typeof encoded === 'string';
    let chunk = this.last;
    if (chunk === undefined || chunk.traceId !== span.traceId || chunk.resource !== this.resource || chunk.scope !== this.scope || chunk.isText !== isText) {
      const key = `${span.traceId} ${this.resource} ${this.scope}${isText ? '' : ' p'}`;
      chunk = this.open.get(key);
      if (chunk === undefined) this.open.set(key, (chunk = { traceId: span.traceId, resource: this.resource, scope: this.scope, isText, ids: [], json: [], proto: [] }));
      this.last = chunk;
    }
    chunk.ids.push(span.spanId);
    if (isText) chunk.json.push(encoded);
    else {
      chunk.proto.push(encoded);
      this.protoBytes += encoded.byteLength;
    }
  }

  /** Closes the chunks of the current export (the next spans start new ones). */
  endExport(): void {
    for (const chunk of this.open.values()) this.done.push(chunk);
    this.open = new Map();
    this.last = undefined;
  }

  /**
   * The plan, its protobuf bytes copied into `scratch` when that is large enough (the buffer the
   * previous plan used, given back after its commit), else into a new buffer with room to spare:
   * fresh memory costs a page fault per 4 KiB, more than the copy itself.
   */
  build(summaries: readonly SummaryValues[], scratch?: ArrayBuffer): WritePlan {
    this.endExport();
    // A buffer of its own (not Node's shared pool), so it can be moved to the writer thread and back.
    const buffer = scratch !== undefined && scratch.byteLength >= this.protoBytes ? scratch : new ArrayBuffer(Math.ceil(this.protoBytes * 1.25));
    const proto = new Uint8Array(buffer, 0, this.protoBytes);
    let offset = 0;
    const chunks = this.done.map((chunk): PlanChunk => {
      const protoStart = offset;
      for (const part of chunk.proto) {
        proto.set(part, offset);
        offset += part.byteLength;
      }
      return { traceId: chunk.traceId, resource: chunk.resource, scope: chunk.scope, ids: chunk.ids.join(','), json: chunk.json.join(','), protoStart, protoEnd: offset };
    });
    return { texts: this.texts, chunks, proto, summaries };
  }
}
