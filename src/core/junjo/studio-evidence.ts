/**
 * Junjo AI Studio's own verified state replay ("trace evidence", Studio 0.81.5+, formats.md §9)
 * next to ours (state-replay.ts).
 *
 * - `readStudioEvidence(json)`: Studio's `TraceEvidence` answer (`stores_by_id` → `StoreAnnotation
 *   {store_id, owner_span_id, owner_executable_type, detail: StoreDetail, integrity}`) cut down to
 *   what the comparison needs, or undefined when it is not that shape. The server sends this to the
 *   browser in `TraceResponse.studioEvidence`.
 * - `compareWithStudio(evidence, timelines)`: per Studio store, whether our replay agrees with
 *   Studio's transition by transition (start state, each before/after), and where it first differs.
 */
import { applyPatchInPlace } from './json-patch.ts';
import { firstDifference, getAtPointer, parsePointer, type JsonValue } from './json-value.ts';
import type { StoreTimeline } from './state-replay.ts';

export type StudioReconstruction = 'verified' | 'policy_unavailable' | 'failed' | 'not_applicable';

export interface StudioTransition {
  readonly sequence: number;
  readonly revisionBefore: number | null;
  readonly revisionAfter: number | null;
  readonly spanId: string;
  readonly action: string;
  /** The state before and after, as Studio rebuilt it (undefined when Studio gave none). */
  readonly before?: unknown;
  readonly after?: unknown;
}

export interface StudioStoreEvidence {
  readonly storeId: string;
  readonly ownerSpanId: string;
  readonly ownerType: string;
  readonly reconstruction: StudioReconstruction;
  /** Studio's reason when it could not verify the store. */
  readonly reason: string | null;
  readonly integrity: 'complete' | 'partial';
  readonly diagnostics: readonly string[];
  readonly transitionCount: number;
  /** The start state when Studio holds it in full. */
  readonly start?: unknown;
  readonly transitions: readonly StudioTransition[];
}

export interface StudioEvidence {
  readonly stores: readonly StudioStoreEvidence[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const count = (value: unknown): number | null => (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null);
const reconstructions = new Set<string>(['verified', 'policy_unavailable', 'failed', 'not_applicable']);

/** A PayloadEvidence `{mode, value}`: the value when it is held in full. */
const fullValue = (payload: unknown): { value: unknown } | undefined =>
  isObject(payload) && payload.mode === 'full' && 'value' in payload ? { value: payload.value } : undefined;

function readTransition(raw: unknown): StudioTransition | undefined {
  if (!isObject(raw)) return undefined;
  const sequence = count(raw.sequence);
  const spanId = text(raw.span_id);
  if (sequence === null || spanId === null) return undefined;
  return {
    sequence,
    revisionBefore: count(raw.revision_before),
    revisionAfter: count(raw.revision_after),
    spanId,
    action: text(raw.action) ?? 'set_state',
    ...('before' in raw ? { before: raw.before } : {}),
    ...('after' in raw ? { after: raw.after } : {}),
  };
}

function readStore(key: string, raw: unknown): StudioStoreEvidence | undefined {
  if (!isObject(raw) || !isObject(raw.detail)) return undefined;
  const detail = raw.detail;
  const reconstruction = typeof detail.reconstruction_status === 'string' && reconstructions.has(detail.reconstruction_status)
    ? (detail.reconstruction_status as StudioReconstruction)
    : undefined;
  if (reconstruction === undefined || !Array.isArray(detail.transitions)) return undefined;
  const transitions: StudioTransition[] = [];
  for (const item of detail.transitions) {
    const transition = readTransition(item);
    if (transition === undefined) return undefined;
    transitions.push(transition);
  }
  transitions.sort((a, b) => a.sequence - b.sequence);
  const integrity = isObject(raw.integrity) ? raw.integrity : {};
  const diagnostics = Array.isArray(integrity.diagnostics)
    ? integrity.diagnostics.map((d) => (isObject(d) ? text(d.message) : null)).filter((m): m is string => m !== null)
    : [];
  const start = fullValue(detail.start);
  return {
    storeId: text(raw.store_id) ?? text(detail.store_id) ?? key,
    ownerSpanId: text(raw.owner_span_id) ?? '',
    ownerType: text(raw.owner_executable_type) ?? 'workflow',
    reconstruction,
    reason: text(detail.reconstruction_reason),
    integrity: integrity.status === 'partial' ? 'partial' : 'complete',
    diagnostics,
    transitionCount: count(detail.transition_count) ?? transitions.length,
    ...(start ? { start: start.value } : {}),
    transitions,
  };
}

/** Studio's TraceEvidence → the stores part; undefined when `stores_by_id` is missing or unreadable. */
export function readStudioEvidence(json: unknown): StudioEvidence | undefined {
  if (!isObject(json) || !isObject(json.stores_by_id)) return undefined;
  const stores: StudioStoreEvidence[] = [];
  for (const [key, raw] of Object.entries(json.stores_by_id)) {
    const store = readStore(key, raw);
    if (store !== undefined) stores.push(store);
  }
  return { stores };
}

export type StudioVerdict =
  /** Every transition Studio verified has the same before and after state in our replay. */
  | 'agree'
  /** The states differ (or one side has transitions the other lacks): see `step`, `path`. */
  | 'disagree'
  /** Studio did not verify this store (policy, lost data); nothing to compare. */
  | 'studio-unverified'
  /** Studio verified it, but our replay has no such store or could not replay it. */
  | 'ours-missing';

export interface StudioComparison {
  readonly storeId: string;
  readonly verdict: StudioVerdict;
  /** 1-based transition where the first difference is (0 = the start state), when disagreeing. */
  readonly step?: number;
  /** JSON Pointer of the first differing value ("" = the whole state). */
  readonly path?: string;
  /** One sentence for a person. */
  readonly message: string;
}

const where = (path: string): string => (path === '' ? 'at the root' : `at ${path}`);

/** A value at a pointer, as short JSON text for a sentence ("absent" when the path is not there). */
function valueText(doc: unknown, path: string): string {
  const tokens = parsePointer(path);
  const found = tokens ? getAtPointer(doc as JsonValue, tokens) : { found: false as const };
  if (!found.found) return 'nothing there';
  const text = JSON.stringify(found.value) ?? 'undefined';
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** "…at /output: Studio has "HELLO!", the viewer "HELLO"." */
const differs = (lead: string, path: string, theirs: unknown, ours: unknown): string =>
  `${lead} differs from Junjo AI Studio's ${where(path)}: Studio has ${valueText(theirs, path)}, the viewer ${valueText(ours, path)}.`;

/** Compares Studio's verified replay of each store with ours. Pure; replays our patches once per store. */
export function compareWithStudio(evidence: StudioEvidence, timelines: readonly StoreTimeline[]): StudioComparison[] {
  return evidence.stores.map((store) => compareStore(store, timelines.find((t) => t.storeId === store.storeId)));
}

function compareStore(store: StudioStoreEvidence, ours: StoreTimeline | undefined): StudioComparison {
  const storeId = store.storeId;
  const n = store.transitions.length;
  if (store.reconstruction !== 'verified') {
    const why = store.reason ?? (store.reconstruction === 'policy_unavailable' ? 'its payloads are redacted or excluded' : 'its evidence is incomplete');
    return { storeId, verdict: 'studio-unverified', message: `Junjo AI Studio could not verify this store (${store.reconstruction.replace('_', ' ')}: ${why}), so there is nothing to compare.` };
  }
  if (ours === undefined)
    return { storeId, verdict: 'ours-missing', message: `Junjo AI Studio verified store ${storeId} (${n} transitions), but this trace as read here has no such store.` };
  if (ours.checkpoints.length === 0)
    return { storeId, verdict: 'ours-missing', message: `Junjo AI Studio verified this store (${n} transitions), but the viewer could not replay it (see the problems listed below).` };

  let doc = JSON.parse(ours.checkpoints[0] as string) as JsonValue;
  if ('start' in store) {
    const diff = firstDifference(doc, store.start as JsonValue);
    if (diff !== undefined)
      return { storeId, verdict: 'disagree', step: 0, path: diff, message: differs('The start state', diff, store.start, doc) };
  }
  const applied = Math.min(ours.appliedCount, n);
  for (let i = 0; i < applied; i++) {
    const theirs = store.transitions[i] as StudioTransition;
    const mine = ours.transitions[i];
    const step = i + 1;
    if (mine === undefined) break;
    if (mine.sequence !== null && mine.sequence !== theirs.sequence)
      return { storeId, verdict: 'disagree', step, message: `Transition ${step} is sequence ${mine.sequence} here but ${theirs.sequence} in Junjo AI Studio: the order of updates differs.` };
    if ('before' in theirs) {
      const diff = firstDifference(doc, theirs.before as JsonValue);
      if (diff !== undefined)
        return { storeId, verdict: 'disagree', step, path: diff, message: differs(`Before transition ${step} (${theirs.action}), the state`, diff, theirs.before, doc) };
    }
    const result = applyPatchInPlace(doc, mine.ops);
    if (!result.ok) break; // cannot happen for an applied step; treated as our replay stopping here
    doc = result.doc;
    if ('after' in theirs) {
      const diff = firstDifference(doc, theirs.after as JsonValue);
      if (diff !== undefined)
        return { storeId, verdict: 'disagree', step, path: diff, message: differs(`After transition ${step} (${theirs.action}), the state`, diff, theirs.after, doc) };
    }
  }
  if (ours.appliedCount < n)
    return { storeId, verdict: 'disagree', step: ours.appliedCount + 1, message: `Junjo AI Studio verified all ${n} transitions, but the viewer's replay stopped after ${ours.appliedCount}; they agree up to there.` };
  if (ours.transitions.length > n)
    return { storeId, verdict: 'disagree', step: n + 1, message: `The viewer found ${ours.transitions.length} transitions, Junjo AI Studio ${n}; the first ${n} agree.` };
  return { storeId, verdict: 'agree', message: `Junjo AI Studio's verified replay agrees with the viewer's: the start state and all ${n} transitions match.` };
}
