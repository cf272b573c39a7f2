import fastJsonPatch from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';

const { compare, applyPatch, deepClone } = fastJsonPatch;

export type State = Record<string, unknown>;

/** One `set_state` call: the RFC 6902 diff it produced and the store counters around it. */
export interface StoreTransition {
  action: string;
  ops: Operation[];
  /** 1..n per store, no-ops included (G3 `junjo.store.transition.sequence`). */
  sequence: number;
  revisionBefore: number;
  /** Equal to `revisionBefore` when nothing changed. */
  revisionAfter: number;
}

export type TransitionListener = (store: JunjoStore, transition: StoreTransition) => void;

/**
 * A simulated Junjo store: immutable snapshots, one `set_state` per action (even when nothing
 * changes), a revision that moves only on a real change. The listener puts the event on the span.
 */
export class JunjoStore {
  readonly startState: State;
  private current: State;
  private revisionValue = 0;
  private readonly history: StoreTransition[] = [];

  constructor(
    readonly name: string,
    readonly id: string,
    initial: State,
    private readonly listener: TransitionListener,
  ) {
    this.startState = deepClone(initial) as State;
    this.current = deepClone(initial) as State;
  }

  get state(): Readonly<State> {
    return this.current;
  }

  get revision(): number {
    return this.revisionValue;
  }

  get transitions(): readonly StoreTransition[] {
    return this.history;
  }

  /** Applies `mutate` to a copy of the state and records the resulting patch. */
  update(action: string, mutate: (draft: State) => void): void {
    const next = deepClone(this.current) as State;
    mutate(next);
    const ops = compare(this.current, next);
    const revisionBefore = this.revisionValue;
    if (ops.length > 0) this.revisionValue += 1;
    this.current = next;
    const transition: StoreTransition = {
      action,
      ops,
      sequence: this.history.length + 1,
      revisionBefore,
      revisionAfter: this.revisionValue,
    };
    this.history.push(transition);
    this.listener(this, transition);
  }

  /** The SDK's own check behind `junjo.store.reconstructable`: replay equals the current state. */
  replayMatches(): boolean {
    let doc = deepClone(this.startState) as State;
    for (const t of this.history) doc = applyPatch(doc, deepClone(t.ops) as Operation[], true, false).newDocument;
    return JSON.stringify(doc) === JSON.stringify(this.current);
  }
}
