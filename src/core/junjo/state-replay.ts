/**
 * Rebuilds each store's state, transition by transition (formats.md §2 "Rebuild", §5 messages).
 * Start: the owning W/S span's `state.start`. Order: G3 by sequence, else by event time (ties in
 * document order, flagged as approximate). Stops — keeping everything before — at missing updates
 * (dropped events, sequence gaps), a non-`full` payload, an unreadable patch or a patch that fails.
 * A complete replay is verified against `state.end` and, in G3, the revision chain.
 * Performance contract: the working state is patched in place; only every `checkpointEvery` steps is
 * it serialized into `checkpoints` (JSON text: cheap to post from a worker). `stateAt` (state-timeline.ts)
 * parses the nearest checkpoint and replays at most checkpointEvery - 1 patches.
 */
import { boolAttr, stringAttr } from '../model/attributes.ts';
import type { Span } from '../model/span.ts';
import type { Trace } from '../model/trace.ts';
import type { Generation } from './generation.ts';
import { parseJsonAttr } from './json-attr.ts';
import { applyPatchInPlace, opPaths, toPatchOps, type PatchOp } from './json-patch.ts';
import { firstDifference, type JsonValue } from './json-value.ts';
import { K } from './junjo-attrs.ts';
import { droppedOn, orderEvents, type StoreSource } from './state-events.ts';
import { checkStoreIntegrity, type ReplayIssue } from './state-checks.ts';
import type { WorkflowRun } from './workflow-runs.ts';

export interface TransitionNode {
  readonly runIndex: number;
  readonly nodeId: string;
  readonly label: string;
}

export interface StateTransition {
  /** 1-based position in replay order; `stateAt(step)` is the state after it. */
  readonly step: number;
  readonly storeId: string;
  readonly storeName: string | null;
  readonly action: string | null;
  readonly spanIndex: number;
  readonly spanName: string;
  readonly node: TransitionNode | null;
  /** ns from the trace start. */
  readonly time: number;
  readonly sequence: number | null;
  readonly revisionBefore: number | null;
  readonly revisionAfter: number | null;
  readonly ops: readonly PatchOp[];
  readonly paths: readonly string[];
  readonly patchMode: string;
  /** Why the patch could not be read (then `ops` is empty). */
  readonly patchError: string | null;
}

export interface StoreTimeline {
  readonly storeId: string;
  readonly storeName: string | null;
  readonly ownerSpanIndex: number | null;
  readonly ownerRunIndex: number | null;
  readonly parentStoreId: string | null;
  readonly generation: Generation | null;
  readonly orderedBy: 'sequence' | 'time';
  readonly transitions: readonly StateTransition[];
  /** Transitions replayed successfully: `stateAt` accepts 0..appliedCount. */
  readonly appliedCount: number;
  readonly checkpointEvery: number;
  /** JSON text of the state after step i * checkpointEvery; empty when nothing could be replayed. */
  readonly checkpoints: readonly string[];
  readonly status: 'complete' | 'stopped' | 'not-replayed';
  readonly verified: 'match' | 'mismatch' | 'no-end-state' | 'not-checked';
  readonly issues: readonly ReplayIssue[];
}

export interface ReplayOptions {
  readonly nodeOfSpan?: (spanIndex: number) => TransitionNode | null;
  /** Force a checkpoint interval (tests); default adapts to state size (~32 MB of checkpoints at most). */
  readonly checkpointEvery?: number;
}

const CHECKPOINT_BUDGET_CHARS = 32_000_000;

function replayStore(trace: Trace, runs: readonly WorkflowRun[], source: StoreSource, options: ReplayOptions = {}): StoreTimeline {
  const run = source.ownerRun !== null ? runs[source.ownerRun] : undefined;
  const owner: Span | undefined = run ? trace.spans[run.spanIndex] : undefined;
  const { ordered, by, ties } = orderEvents(source.events);
  const storeId = source.storeKey;
  const transitions = ordered.map((event, i): StateTransition => {
    const span = trace.spans[event.spanIndex] as Span;
    let ops: PatchOp[] = [];
    let patchError: string | null = null;
    if (event.patchText === undefined) patchError = 'The event has no junjo.state_json_patch';
    else {
      const json = parseJsonAttr(event.patchText);
      const parsed = json.ok ? toPatchOps(json.value) : { ok: false as const, message: json.error.message };
      if (parsed.ok) ops = parsed.ops;
      else patchError = parsed.message;
    }
    const node = options.nodeOfSpan?.(event.spanIndex) ?? (event.nodeId ? { runIndex: source.ownerRun ?? -1, nodeId: event.nodeId, label: event.nodeId } : null);
    return {
      step: i + 1, storeId, storeName: event.storeName, action: event.action, spanIndex: event.spanIndex, spanName: span.name,
      node, time: event.time, sequence: event.sequence, revisionBefore: event.revisionBefore, revisionAfter: event.revisionAfter,
      ops, paths: [...new Set(ops.flatMap(opPaths))], patchMode: event.patchMode, patchError,
    };
  });
  const base = {
    storeId,
    storeName: transitions.find((t) => t.storeName !== null)?.storeName ?? null,
    ownerSpanIndex: run?.spanIndex ?? null,
    ownerRunIndex: run?.index ?? null,
    parentStoreId: run?.parentStoreId ?? null,
    generation: run?.generation ?? null,
    orderedBy: by,
    transitions,
  };
  const issues: ReplayIssue[] = [];
  if (ties) issues.push({ kind: 'approximate-order', severity: 'info', message: 'Order of concurrent updates is approximate' });
  const notReplayed = (): StoreTimeline => ({ ...base, appliedCount: 0, checkpointEvery: 1, checkpoints: [], status: 'not-replayed', verified: 'not-checked', issues });

  const startText = owner ? stringAttr(owner.attributes, K.stateStart) : undefined;
  const startMode = owner ? (stringAttr(owner.attributes, `${K.stateStart}.mode`) ?? 'full') : 'full';
  if (!owner || startText === undefined) {
    const where = owner ? `"${owner.name}" has no junjo.workflow.state.start` : `No workflow or subflow span declares store ${storeId}`;
    issues.push({ kind: 'missing-start-state', severity: 'error', message: `${where}; the start state is unknown, so ${transitions.length} update(s) cannot be replayed.` });
    return notReplayed();
  }
  if (startMode !== 'full') {
    issues.push({ kind: 'not-full-payload', severity: 'warning', step: 0, mode: startMode, message: `The start state was recorded as "${startMode}", not in full; the state cannot be replayed.` });
    return notReplayed();
  }
  const start = parseJsonAttr(startText);
  if (!start.ok) {
    issues.push({ kind: 'unreadable-json', severity: 'error', field: 'start', message: `Start state: ${start.error.message}`, raw: start.error.raw });
    return notReplayed();
  }

  const integrity = checkStoreIntegrity(owner, transitions, ordered.map((e) => droppedOn(trace.spans[e.spanIndex])));
  issues.push(...integrity.issues);
  const stopBefore = integrity.stopBefore;
  const checkpointEvery = options.checkpointEvery ?? Math.min(2048, Math.max(16, Math.ceil((transitions.length * startText.length) / CHECKPOINT_BUDGET_CHARS)));
  let doc = start.value as JsonValue;
  // The recorded start text is already the start state's JSON: kept as is, not re-serialized.
  const checkpoints = [startText];
  let applied = 0;
  let stopped = stopBefore < transitions.length || integrity.missing > 0;
  for (const t of transitions) {
    if (applied >= stopBefore) break;
    const label = `Transition ${t.step} (${t.action ?? 'set_state'} on "${t.spanName}")`;
    if (t.patchMode !== 'full') {
      issues.push({ kind: 'not-full-payload', severity: 'warning', step: t.step, mode: t.patchMode, message: `${label} was recorded as "${t.patchMode}", not in full; the state is shown up to transition ${t.step - 1}.` });
      stopped = true;
      break;
    }
    if (t.patchError !== null) {
      issues.push({ kind: 'unreadable-json', severity: 'error', field: 'patch', step: t.step, message: `${label}: ${t.patchError}; the state is shown up to transition ${t.step - 1}.`, raw: ordered[t.step - 1]?.patchText ?? '' });
      stopped = true;
      break;
    }
    let result: ReturnType<typeof applyPatchInPlace>;
    try {
      result = applyPatchInPlace(doc, t.ops);
      if (result.ok && (applied + 1) % checkpointEvery === 0) checkpoints.push(JSON.stringify(result.doc));
    } catch (error) {
      // Patches that keep nesting the state (e.g. copying the root into itself) end in a stack overflow.
      if (!(error instanceof RangeError)) throw error;
      result = { ok: false, code: 'invalid_state_patch', opIndex: 0, message: 'the state became too deeply nested to replay' };
    }
    if (!result.ok) {
      issues.push({ kind: 'patch-failed', severity: 'error', step: t.step, code: result.code, message: `${label} could not be applied: ${result.message}. The state is shown up to transition ${t.step - 1}.` });
      stopped = true;
      break;
    }
    doc = result.doc;
    applied++;
  }
  const complete = !stopped && applied === transitions.length;
  const verified = complete ? verifyEnd(owner, doc, issues) : 'not-checked';
  return { ...base, appliedCount: applied, checkpointEvery, checkpoints, status: complete ? 'complete' : 'stopped', verified, issues };
}

function verifyEnd(owner: Span, doc: JsonValue, issues: ReplayIssue[]): StoreTimeline['verified'] {
  const endText = stringAttr(owner.attributes, K.stateEnd);
  const endMode = stringAttr(owner.attributes, `${K.stateEnd}.mode`) ?? 'full';
  if (endText === undefined || endMode !== 'full') return 'no-end-state';
  // Junjo writes compact JSON; when the replayed state serializes to the very same text, it matches
  // without parsing the end state (key order counts here, so a different text is compared in full).
  if (endText.length > 0 && JSON.stringify(doc) === endText) return 'match';
  const end = parseJsonAttr(endText);
  if (!end.ok) {
    issues.push({ kind: 'unreadable-json', severity: 'warning', field: 'end', message: `End state: ${end.error.message}`, raw: end.error.raw });
    return 'no-end-state';
  }
  const diff = firstDifference(doc, end.value as JsonValue);
  if (diff === undefined) return 'match';
  const where = diff === '' ? 'at the root' : `at ${diff}`;
  const message = boolAttr(owner.attributes, K.reconstructable) === true
    ? `State history could not be verified: the replay differs from the recorded end state ${where}, although the SDK's own replay matched (data was lost downstream).`
    : `The replayed state differs from the recorded end state ${where}.`;
  issues.push({ kind: 'end-mismatch', severity: 'error', path: diff, message });
  return 'mismatch';
}

export function replayAllStores(trace: Trace, runs: readonly WorkflowRun[], sources: readonly StoreSource[], options: ReplayOptions = {}): StoreTimeline[] {
  return sources.map((source) => replayStore(trace, runs, source, options));
}
