/**
 * The local trace store: spans kept in chunks (the spans of one trace, resource and scope
 * received in one export: one row, not one per span), as their OTLP/JSON Span text, or as the
 * protobuf bytes they were received in (OTLP/gRPC and OTLP/HTTP protobuf: no conversion while
 * receiving), under shared resource and scope rows, plus one run summary per trace
 * (run-summary.ts). A trace is read back as OTLP/JSON TracesData text: JSON chunks without parsing
 * a span, protobuf chunks through store/span-protobuf.ts.
 *
 * Writes are transactional: `insertBatches` stores several exports in one transaction, and
 * returns only after the commit; the write queue instead has the rows `prepare`d here and
 * committed by the writer thread (store-writer.ts), then calls `committed` (or `forget`). A span already stored (same trace and span
 * id: an exporter retry) is kept once: each chunk lists its span ids, and the ids of recently
 * written traces stay in memory so a new batch of a known trace reads them at most once. Retention drops whole traces, least recently received
 * first, by age and by total span bytes.
 */
import type Database from 'better-sqlite3';
import type { SpanRecord } from '../../core/model/span.ts';
import { openDatabase, type Db } from './open-database.ts';
import { defaultIncompleteAfterMs, emptySummary, isInProgress, mergeSpan, statusAt, statusOf, type RunStatus, type RunSummary } from './run-summary.ts';
import { chunkSpansJson } from './span-protobuf.ts';
import { fromSpanRecords, type StoreSpan } from './store-span.ts';
import { PlanBuilder, planWriter, type PlanWriter, type SummaryValues, type WritePlan } from './write-plan.ts';

export interface RetentionPolicy {
  /** Traces last received longer ago than this are deleted. */
  readonly maxAgeMs: number;
  /** When the stored span text exceeds this, the least recently received traces go first. */
  readonly maxBytes: number;
}

export const defaultRetention: RetentionPolicy = { maxAgeMs: 7 * 24 * 3600 * 1000, maxBytes: 1024 * 1024 * 1024 };

export interface StoreOptions {
  /** Quiet period after which a run whose root span never arrived reads "incomplete". */
  readonly incompleteAfterMs?: number;
}

export interface TraceChange {
  readonly traceId: string;
  readonly spanCount: number;
  readonly inProgress: boolean;
}

export interface InsertResult {
  /** Spans stored now. */
  readonly stored: number;
  /** Spans that were already stored (kept once). */
  readonly duplicates: number;
  /** Spans refused, with the first reasons. */
  readonly rejected: number;
  readonly rejectReasons: readonly string[];
}

/** Exports prepared for one transaction (`TraceStore.prepare`): its rows and what follows its commit. */
export interface PreparedWrite {
  readonly results: InsertResult[];
  readonly plan: WritePlan;
  readonly summaries: readonly RunSummary[];
  readonly bytesBefore: ReadonlyMap<string, number>;
}

export type StoreEvent = { readonly type: 'trace'; readonly change: TraceChange } | { readonly type: 'deleted'; readonly traceId: string } | { readonly type: 'deleted-all' };

export interface RunQuery {
  readonly service?: string;
  readonly workflow?: string;
  readonly status?: RunStatus;
  /** Epoch ns bounds on the run's start, inclusive. */
  readonly startNs?: bigint;
  readonly endNs?: bigint;
  readonly limit: number;
  /** The time statuses are judged at (default now). */
  readonly nowMs?: number;
}

export interface RunRow {
  readonly traceId: string;
  readonly startNs: bigint;
  readonly endNs: bigint;
  readonly spanCount: number;
  readonly errorCount: number;
  readonly rootName: string | null;
  readonly rootService: string | null;
  readonly service: string | null;
  readonly workflowName: string | null;
  readonly generation: string | null;
  readonly status: RunStatus;
}

export interface StoredTrace {
  /** OTLP/JSON TracesData text: `{"resourceSpans":[…]}`. */
  readonly json: string;
  readonly spanCount: number;
  /** Spans are still arriving: no root or workflow span yet, and not quiet for long. */
  readonly inProgress: boolean;
  /** No root or workflow span, and no new span for the quiet period: the root never arrived. */
  readonly incomplete: boolean;
}

const maxInt64 = 2n ** 63n - 1n;
const maxReasons = 5;
/** A plan buffer larger than this (after a burst of big exports) is not kept for the next plan. */
const maxScratchBytes = 64 * 1024 * 1024;

type SummaryRow = {
  trace_id: string;
  start_ns: bigint;
  end_ns: bigint;
  span_count: bigint;
  error_count: bigint;
  bytes: bigint;
  root_name: string | null;
  root_service: string | null;
  root_start_ns: bigint | null;
  service: string | null;
  workflow_name: string | null;
  workflow_start_ns: bigint | null;
  generation: string | null;
  has_node_gather: bigint;
  status: string;
  first_received_ms: bigint;
  last_received_ms: bigint;
};

const toSummary = (row: SummaryRow): RunSummary => ({
  traceId: row.trace_id,
  startNs: row.start_ns,
  endNs: row.end_ns,
  spanCount: Number(row.span_count),
  errorCount: Number(row.error_count),
  bytes: Number(row.bytes),
  rootName: row.root_name,
  rootService: row.root_service,
  rootStartNs: row.root_start_ns,
  service: row.service,
  workflowName: row.workflow_name,
  workflowStartNs: row.workflow_start_ns,
  generation: row.generation,
  hasNodeGather: row.has_node_gather !== 0n,
  firstReceivedMs: Number(row.first_received_ms),
  lastReceivedMs: Number(row.last_received_ms),
});

/** Why a span cannot be stored, or undefined when it can. */
function invalidReason(span: StoreSpan): string | undefined {
  const { startNs, endNs } = span.summary;
  if (startNs === 0n) return `span ${span.spanId} of trace ${span.traceId} has no start time (startTimeUnixNano is 0)`;
  if (startNs > maxInt64 || endNs > maxInt64) return `span ${span.spanId} of trace ${span.traceId} has a time after the year 2262`;
  return undefined;
}

function prepareStatements(db: Db) {
  const s = <T extends unknown[] = unknown[]>(sql: string) => db.prepare<T>(sql);
  return {
    spanIdsOf: s<[string]>('SELECT span_ids FROM chunks WHERE trace_id = ?').pluck(),
    resourceById: s<[number]>('SELECT json FROM resources WHERE id = ?').pluck(),
    scopeById: s<[number]>('SELECT json FROM scopes WHERE id = ?').pluck(),
    summary: s<[string]>('SELECT * FROM traces WHERE trace_id = ?').safeIntegers(true),
    chunksOf: s<[string]>('SELECT resource_id, scope_id, json, proto FROM chunks WHERE trace_id = ? ORDER BY resource_id, scope_id, id'),
    deleteSpans: s<[string]>('DELETE FROM chunks WHERE trace_id = ?'),
    deleteTrace: s<[string]>('DELETE FROM traces WHERE trace_id = ?'),
    totalBytes: s('SELECT coalesce(sum(bytes), 0) FROM traces').pluck(),
    expired: s<[number]>('SELECT trace_id, bytes FROM traces WHERE last_received_ms < ? LIMIT 500'),
    oldest: s('SELECT trace_id, bytes FROM traces ORDER BY first_received_ms LIMIT 200'),
    services: s("SELECT DISTINCT service FROM traces WHERE service IS NOT NULL AND service <> '' ORDER BY service").pluck(),
    countTraces: s('SELECT count(*) FROM traces').pluck(),
  };
}

export class TraceStore {
  readonly file: string;
  private readonly db: Db;
  private readonly listeners = new Set<(event: StoreEvent) => void>();
  private readonly resourceJson = new Map<number, string>();
  private readonly scopeJson = new Map<number, string>();
  private totalBytes: number;
  private readonly statements: ReturnType<typeof prepareStatements>;
  /** The buffer the last written plan's protobuf bytes were in, for the next plan. */
  private scratch: ArrayBuffer | undefined;
  /** Writes prepared plans on this store's own connection (the writer thread has its own). */
  private readonly writer: PlanWriter;
  private closed = false;

  static open(location: string, retention: RetentionPolicy = defaultRetention, options: StoreOptions = {}): { ok: true; store: TraceStore } | { ok: false; message: string } {
    const opened = openDatabase(location);
    if (!opened.ok) return opened;
    return { ok: true, store: new TraceStore(opened.db, opened.file, retention, options.incompleteAfterMs ?? defaultIncompleteAfterMs) };
  }

  private constructor(
    db: Db,
    file: string,
    readonly retention: RetentionPolicy,
    readonly incompleteAfterMs: number,
  ) {
    this.db = db;
    this.file = file;
    this.statements = prepareStatements(db);
    this.writer = planWriter(db);
    this.totalBytes = Number(this.statements.totalBytes.get());
  }

  /** Called after every commit that changed a trace, and after deletions. */
  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: StoreEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // a listener's failure is its own
      }
    }
  }

  /** Stores one export of core-model spans (files, OTLP/JSON). */
  insert(spans: readonly SpanRecord[], nowMs = Date.now()): InsertResult {
    return this.insertBatches([fromSpanRecords(spans)], nowMs)[0]!;
  }

  /**
   * Stores several exports in one transaction (one commit, one fsync); returns one result per
   * batch once committed. Throws when the transaction fails (nothing of it is stored).
   */
  insertBatches(batches: readonly (readonly StoreSpan[])[], nowMs = Date.now()): InsertResult[] {
    const prepared = this.prepare(batches, nowMs);
    try {
      this.writer(prepared.plan);
    } catch (error) {
      this.forget();
      throw error;
    } finally {
      this.reuse(prepared.plan.proto.buffer as ArrayBuffer);
    }
    this.committed(prepared);
    return prepared.results;
  }

  /**
   * The rows that store several exports (dedup against what is stored, run summaries merged),
   * for one transaction written by `insertBatches` or by the writer thread. Reads the store but
   * writes nothing: the caller then calls `committed` after the commit, or `forget` when it failed
   * (or its fate is unknown). Only one prepared plan may wait for its commit at a time.
   */
  prepare(batches: readonly (readonly StoreSpan[])[], nowMs = Date.now()): PreparedWrite {
    const summaries = new Map<string, RunSummary>();
    const bytesBefore = new Map<string, number>();
    const builder = new PlanBuilder();
    const results = batches.map((spans) => this.prepareOne(spans, summaries, bytesBefore, builder, nowMs));
    const rows: SummaryValues[] = [];
    for (const s of summaries.values())
      rows.push([
        s.traceId, s.startNs, s.endNs, s.spanCount, s.errorCount, s.bytes, s.rootName, s.rootService, s.rootStartNs, s.service,
        s.workflowName, s.workflowStartNs, s.generation, s.hasNodeGather ? 1 : 0, statusOf(s), s.firstReceivedMs, s.lastReceivedMs,
      ]);
    const scratch = this.scratch;
    this.scratch = undefined;
    return { results, plan: builder.build(rows, scratch), summaries: [...summaries.values()], bytesBefore };
  }

  /** The buffer of a plan that has been written, for the next plan's bytes (no fresh memory). */
  reuse(buffer: ArrayBuffer): void {
    if (buffer.byteLength > 0 && buffer.byteLength <= maxScratchBytes) this.scratch = buffer;
  }

  /** A prepared write was committed: counts and listeners follow. */
  committed(prepared: PreparedWrite): void {
    for (const summary of prepared.summaries) this.totalBytes += summary.bytes - (prepared.bytesBefore.get(summary.traceId) ?? 0);
    for (const summary of prepared.summaries)
      this.emit({ type: 'trace', change: { traceId: summary.traceId, spanCount: summary.spanCount, inProgress: isInProgress(summary) } });
  }

  /** A prepared write failed (or may not have been committed): what was cached for it is dropped. */
  forget(): void {
    this.spanIds.clear();
  }

  /** Span ids of recently written traces (most recent last), so a retry is found without a query. */
  private readonly spanIds = new Map<string, Set<string>>();
  private static readonly cachedTraces = 4096;

  /** The stored span ids of a trace (empty for a new one); kept for the next batches. */
  private storedIds(traceId: string, isNew: boolean): Set<string> {
    let ids = this.spanIds.get(traceId);
    if (ids !== undefined) {
      this.spanIds.delete(traceId);
      this.spanIds.set(traceId, ids);
      return ids;
    }
    ids = new Set();
    if (!isNew) for (const list of this.statements.spanIdsOf.all(traceId) as string[]) for (const id of list.split(',')) ids.add(id);
    this.spanIds.set(traceId, ids);
    if (this.spanIds.size > TraceStore.cachedTraces) this.spanIds.delete(this.spanIds.keys().next().value!);
    return ids;
  }

  private prepareOne(spans: readonly StoreSpan[], summaries: Map<string, RunSummary>, bytesBefore: Map<string, number>, builder: PlanBuilder, nowMs: number): InsertResult {
    const idsOf = new Map<string, Set<string>>();
    let stored = 0;
    let duplicates = 0;
    let rejected = 0;
    const rejectReasons: string[] = [];
    for (const span of spans) {
      const reason = invalidReason(span);
      if (reason !== undefined) {
        rejected++;
        if (rejectReasons.length < maxReasons) rejectReasons.push(reason);
        continue;
      }
      let summary = summaries.get(span.traceId);
      if (summary === undefined) {
        const row = this.statements.summary.get(span.traceId) as SummaryRow | undefined;
        summary = row ? toSummary(row) : emptySummary(span.traceId, nowMs);
        bytesBefore.set(span.traceId, summary.bytes);
        summaries.set(span.traceId, summary);
        idsOf.set(span.traceId, this.storedIds(span.traceId, row === undefined));
      }
      let ids = idsOf.get(span.traceId);
      if (ids === undefined) idsOf.set(span.traceId, (ids = this.storedIds(span.traceId, false)));
      if (ids.has(span.spanId)) {
        duplicates++;
        continue;
      }
      ids.add(span.spanId);
      builder.add(span);
      stored++;
      mergeSpan(summary, span.summary, span.encoded.length);
      summary.lastReceivedMs = nowMs;
    }
    builder.endExport();
    return { stored, duplicates, rejected, rejectReasons };
  }

  private resourceText(id: number): string {
    let json = this.resourceJson.get(id);
    if (json === undefined) this.resourceJson.set(id, (json = String(this.statements.resourceById.get(id) ?? '{}')));
    return json;
  }

  private scopeText(id: number): string {
    let json = this.scopeJson.get(id);
    if (json === undefined) this.scopeJson.set(id, (json = String(this.statements.scopeById.get(id) ?? '{}')));
    return json;
  }

  /** One trace as OTLP/JSON TracesData text, or undefined when no span of it is stored. */
  readTrace(traceId: string, nowMs = Date.now()): StoredTrace | undefined {
    const row = this.statements.summary.get(traceId) as SummaryRow | undefined;
    if (!row) return undefined;
    const rows = this.statements.chunksOf.all(traceId) as { resource_id: number; scope_id: number; json: string; proto: Buffer | null }[];
    if (rows.length === 0) return undefined;
    const parts: string[] = ['{"resourceSpans":['];
    let resource = -1;
    let scope = -1;
    for (const chunk of rows) {
      const span = chunk.proto === null ? chunk : { ...chunk, json: chunkSpansJson(chunk.proto) };
      if (span.json === '') continue;
      if (span.resource_id !== resource) {
        if (resource !== -1) parts.push(']}]},');
        resource = span.resource_id;
        scope = span.scope_id;
        parts.push(`{"resource":${this.resourceText(resource)},"scopeSpans":[{"scope":${this.scopeText(scope)},"spans":[`, span.json);
        continue;
      }
      if (span.scope_id !== scope) {
        scope = span.scope_id;
        parts.push(`]},{"scope":${this.scopeText(scope)},"spans":[`, span.json);
        continue;
      }
      parts.push(',', span.json);
    }
    parts.push(resource === -1 ? ']}' : ']}]}]}');
    const summary = toSummary(row);
    const status = statusAt(summary, nowMs, this.incompleteAfterMs);
    return { json: parts.join(''), spanCount: summary.spanCount, inProgress: status === 'in-progress', incomplete: status === 'incomplete' };
  }

  /** Runs, newest start first. Reads only the summaries. */
  listRuns(query: RunQuery): RunRow[] {
    const where: string[] = [];
    const params: (string | bigint | number)[] = [];
    if (query.service !== undefined) {
      where.push('service = ?');
      params.push(query.service);
    }
    if (query.workflow !== undefined) {
      where.push('workflow_name = ?');
      params.push(query.workflow);
    }
    const nowMs = query.nowMs ?? Date.now();
    if (query.status === 'in-progress' || query.status === 'incomplete') {
      where.push(`status = 'in-progress' AND last_received_ms ${query.status === 'in-progress' ? '>' : '<='} ?`);
      params.push(nowMs - this.incompleteAfterMs);
    } else if (query.status !== undefined) {
      where.push('status = ?');
      params.push(query.status);
    }
    if (query.startNs !== undefined) {
      where.push('start_ns >= ?');
      params.push(query.startNs);
    }
    if (query.endNs !== undefined) {
      where.push('start_ns <= ?');
      params.push(query.endNs);
    }
    const sql = `SELECT * FROM traces ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY start_ns DESC LIMIT ?`;
    params.push(query.limit);
    const rows = this.db.prepare(sql).safeIntegers(true).all(...params) as SummaryRow[];
    return rows.map((row) => {
      const s = toSummary(row);
      return {
        traceId: s.traceId,
        startNs: s.startNs,
        endNs: s.endNs,
        spanCount: s.spanCount,
        errorCount: s.errorCount,
        rootName: s.rootName,
        rootService: s.rootService,
        service: s.service,
        workflowName: s.workflowName,
        generation: s.generation,
        status: statusAt(s, nowMs, this.incompleteAfterMs),
      };
    });
  }

  /** Service names of stored runs (the root's service, else the first span's). */
  services(): string[] {
    return this.statements.services.all() as string[];
  }

  traceCount(): number {
    return Number(this.statements.countTraces.get());
  }

  storedBytes(): number {
    return this.totalBytes;
  }

  /** Deletes one trace, whole. Returns false when it was not stored. */
  deleteTrace(traceId: string): boolean {
    const deleted = this.db.transaction(() => this.deleteOne(traceId))();
    if (deleted) this.emit({ type: 'deleted', traceId });
    return deleted;
  }

  private deleteOne(traceId: string): boolean {
    const row = this.statements.summary.get(traceId) as SummaryRow | undefined;
    this.statements.deleteSpans.run(traceId);
    this.spanIds.delete(traceId);
    if (!row) return false;
    this.statements.deleteTrace.run(traceId);
    this.totalBytes -= Number(row.bytes);
    return true;
  }

  /** Deletes every trace. Returns how many there were. */
  deleteAll(): number {
    const count = this.traceCount();
    this.db.transaction(() => {
      this.db.exec('DELETE FROM chunks; DELETE FROM traces;');
    })();
    this.spanIds.clear();
    this.totalBytes = 0;
    this.emit({ type: 'deleted-all' });
    return count;
  }

  /** Applies the retention policy; returns the number of traces deleted. */
  applyRetention(nowMs = Date.now()): number {
    let deleted = 0;
    for (;;) {
      const expired = this.statements.expired.all(nowMs - this.retention.maxAgeMs) as { trace_id: string }[];
      if (expired.length === 0) break;
      deleted += this.deleteMany(expired.map((row) => row.trace_id));
    }
    // Size: down to 90% of the limit, so a full store does not delete on every export.
    while (this.totalBytes > this.retention.maxBytes) {
      const target = this.retention.maxBytes * 0.9;
      const batch: string[] = [];
      let bytes = this.totalBytes;
      for (const row of this.statements.oldest.all() as { trace_id: string; bytes: number }[]) {
        if (bytes <= target) break;
        batch.push(row.trace_id);
        bytes -= row.bytes;
      }
      if (batch.length === 0) break;
      deleted += this.deleteMany(batch);
    }
    return deleted;
  }

  private deleteMany(traceIds: readonly string[]): number {
    if (traceIds.length === 0) return 0;
    let count = 0;
    this.db.transaction(() => {
      for (const id of traceIds) if (this.deleteOne(id)) count++;
    })();
    for (const traceId of traceIds) this.emit({ type: 'deleted', traceId });
    return count;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  /** For tests and diagnostics. */
  get database(): Database.Database {
    return this.db;
  }
}
