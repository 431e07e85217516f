/**
 * One checkpoint desk's alerts in the order of the desk feed topic (one partition per desk, so the
 * order is the log's and the same after every restart). The gateway fills it from Kafka at start
 * and as records arrive; a desk that reconnects with the id of the last alert it saw gets exactly
 * the entries after it. It holds the most recent entries only: a desk that was away longer than
 * that gets a reset and the latest backlog.
 */
import type { Context } from '@waspada/common';

export interface DeskEntry {
  readonly alertId: string;
  /** Where the entry sits in the desk feed, for logs and tests. */
  readonly offset: string;
  /** The JSON the desk receives, serialised once for every connected screen. */
  readonly json: string;
  readonly nik: string;
  readonly raw: unknown;
  /** The trace context the desk copy carries: the live push to the screens is a span in it. */
  readonly trace: Context;
}

export type ResumeResult =
  | { readonly kind: 'after'; readonly entries: readonly DeskEntry[] }
  | { readonly kind: 'unknown'; readonly entries: readonly DeskEntry[] };

export class DeskLog {
  private readonly entries: DeskEntry[] = [];
  /** Sequence number of entries[0]; entries[i] has sequence first + i. */
  private first = 0;
  private readonly sequenceOf = new Map<string, number>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.length;
  }

  /** False when the alert is already in the log (a duplicate in the feed is delivered once). */
  append(entry: DeskEntry): boolean {
    if (this.sequenceOf.has(entry.alertId)) return false;
    this.sequenceOf.set(entry.alertId, this.first + this.entries.length);
    this.entries.push(entry);
    if (this.entries.length > this.capacity) {
      const dropped = this.entries.shift() as DeskEntry;
      this.sequenceOf.delete(dropped.alertId);
      this.first += 1;
    }
    return true;
  }

  find(alertId: string): DeskEntry | undefined {
    const sequence = this.sequenceOf.get(alertId);
    return sequence === undefined ? undefined : this.entries[sequence - this.first];
  }

  /** Everything after the given alert; the latest `backlog` entries when the id is not (or no longer) here. */
  resume(lastAlertId: string | undefined, backlog: number): ResumeResult {
    if (lastAlertId !== undefined) {
      const sequence = this.sequenceOf.get(lastAlertId);
      if (sequence !== undefined)
        return { kind: 'after', entries: this.entries.slice(sequence - this.first + 1) };
    }
    const latest = this.entries.slice(Math.max(0, this.entries.length - backlog));
    return lastAlertId === undefined
      ? { kind: 'after', entries: latest }
      : { kind: 'unknown', entries: latest };
  }
}
