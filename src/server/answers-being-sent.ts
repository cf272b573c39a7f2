/**
 * Answers still being sent, by what was asked: a client asking for something (a trace) whose
 * answer is still being sent to another client gets those same bytes, without a second upstream
 * fetch or a second copy in memory, however far apart the two asked. With shared-in-flight.ts
 * (which joins lookups still running) a hundred clients asking for one large trace hold one body,
 * whether they all come at once or one after another.
 *
 * An answer is found only while at least one client is still receiving it; once the last one has
 * it (or has been dropped), it is forgotten and the next request asks the upstream again, so a
 * small answer (sent in a moment) is practically never reused and nothing is kept longer than a
 * client keeps it.
 */
import type http from 'node:http';

interface Entry {
  readonly parts: readonly Uint8Array[];
  clients: number;
}

export class AnswersBeingSent {
  private readonly answers = new Map<string, Entry>();

  /** The answer for `key` that is still being sent to some client, if any. */
  get(key: string): readonly Uint8Array[] | undefined {
    return this.answers.get(key)?.parts;
  }

  /** Records that `parts`, the answer for `key`, is being sent on `res`, until `res` closes. */
  sending(key: string, parts: readonly Uint8Array[], res: http.ServerResponse): void {
    let entry = this.answers.get(key);
    if (entry?.parts !== parts) {
      entry = { parts, clients: 0 };
      this.answers.set(key, entry);
    }
    const current = entry;
    current.clients++;
    res.once('close', () => {
      if (--current.clients === 0 && this.answers.get(key) === current) this.answers.delete(key);
    });
  }

  /** Answers being sent (for tests). */
  get size(): number {
    return this.answers.size;
  }
}
