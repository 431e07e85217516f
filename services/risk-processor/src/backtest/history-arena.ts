import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Decoded } from '../event-decoding';
import type { PersonEvent } from '@waspada/risk-rules';
import { unpackEvent, unpackPersonEvent, type EventPlaces } from './packed-events';

/** A decoded agency event, with the time and rank it is replayed in. */
export interface HistoryEntry {
  readonly time: number;
  readonly rank: number;
  /** The live topic the event belongs to. */
  readonly topic: string;
  readonly decoded: Extract<Decoded, { ok: true }>;
}

/** Packed events are gathered in memory up to this size, then appended to the file at once. */
const WRITE_BUFFER_BYTES = 2 ** 20;

/**
 * A whole agency history held packed (see packed-events.ts) in a file of its own, and what orders
 * the events (time, topic rank, where each lies in the file) in typed arrays: 26 bytes of memory an
 * event (up to twice that while the arrays grow) instead of a kilobyte of objects. The file takes
 * the packed events' bytes (a few hundred an event) in the temporary folder (TMPDIR), and its pages
 * sit in the page cache, which the system takes back when it needs memory, unless that folder is a
 * tmpfs. Events are added in the order they are read and handed out,
 * unpacked, in the order a backtest replays them: event time, then topic rank, then the order they
 * were read in (what a stable sort of the entries gave).
 *
 * The file is unlinked as soon as it is opened: it goes away when the history is closed, or when
 * the process ends however it ends.
 */
export class HistoryArena implements EventPlaces {
  private fd: number | undefined;
  /** Released once the history is sealed: nothing is written after. */
  private pending: Buffer | undefined = Buffer.allocUnsafeSlow(WRITE_BUFFER_BYTES);
  private pendingBytes = 0;
  private written = 0;
  private times = new Float64Array(1024);
  private ranks = new Uint8Array(1024);
  private passportOnly = new Uint8Array(1024);
  private positionOf = new Float64Array(1024);
  private lengthOf = new Uint32Array(1024);
  private order: Uint32Array | undefined;
  private count = 0;
  /**
   * The place of each event object handed out, so a person's state can keep places instead of
   * bytes (EventPlaces in packed-events.ts): forgotten with the object.
   */
  private readonly places = new WeakMap<PersonEvent, number>();

  constructor(
    /** The live topic of each rank. */
    private readonly topicOfRank: readonly string[],
  ) {
    const folder = mkdtempSync(join(tmpdir(), 'waspada-backtest-'));
    let fd: number;
    try {
      fd = openSync(join(folder, 'history'), 'w+', 0o600);
    } catch (error) {
      rmSync(folder, { recursive: true, force: true });
      throw error;
    }
    try {
      rmSync(folder, { recursive: true, force: true });
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    this.fd = fd;
  }

  get length(): number {
    return this.count;
  }

  /** Adds an event; `packed` is copied, so the caller's buffer may be reused. */
  add(entry: { time: number; rank: number; passportOnly: boolean; packed: Uint8Array }): void {
    const { pending } = this;
    if (this.order || !pending) throw new Error('the history was already put in replay order');
    const { packed } = entry;
    if (this.pendingBytes + packed.length > WRITE_BUFFER_BYTES) this.flush();
    if (this.count === this.times.length) this.grow();
    const index = this.count++;
    this.times[index] = entry.time;
    this.ranks[index] = entry.rank;
    this.passportOnly[index] = entry.passportOnly ? 1 : 0;
    this.positionOf[index] = this.written + this.pendingBytes;
    this.lengthOf[index] = packed.length;
    if (packed.length > WRITE_BUFFER_BYTES) {
      // Larger than the buffer (never seen): written on its own.
      this.writeAll(packed);
    } else {
      pending.set(packed, this.pendingBytes);
      this.pendingBytes += packed.length;
    }
  }

  /** Puts the events in replay order; no event can be added after. */
  seal(): void {
    this.flush();
    this.pending = undefined;
    const { times, ranks } = this;
    const order = new Uint32Array(this.count);
    for (let index = 0; index < order.length; index++) order[index] = index;
    order.sort(
      (a, b) =>
        (times[a] as number) - (times[b] as number) || (ranks[a] as number) - (ranks[b] as number) || a - b,
    );
    this.order = order;
  }

  /** The time of the event at a position of the replay order. */
  timeAt(position: number): number {
    return this.times[this.indexAt(position)] as number;
  }

  /** The events from `from` up to (not including) `to` in replay order, unpacked. */
  entries(from: number, to: number): HistoryEntry[] {
    const entries: HistoryEntry[] = [];
    for (let position = from; position < Math.min(to, this.count); position++) {
      const index = this.indexAt(position);
      const rank = this.ranks[index] as number;
      entries.push({
        time: this.times[index] as number,
        rank,
        topic: this.topicOfRank[rank] as string,
        decoded: this.unpackAt(index),
      });
    }
    return entries;
  }

  /** Where an event handed out by this history lies in it (its place), or nothing for any other. */
  placeOf(event: PersonEvent): number | undefined {
    return this.places.get(event);
  }

  /** The person event at a place, read again from the file. */
  eventAt(place: number): PersonEvent {
    if (place >= this.count) throw new Error(`no event at place ${place} of ${this.count}`);
    const decoded = this.unpackAt(place);
    if (!('event' in decoded)) throw new Error(`the event at place ${place} is a report without a NIK`);
    return decoded.event;
  }

  private unpackAt(index: number): HistoryEntry['decoded'] {
    const bytes = Buffer.allocUnsafe(this.lengthOf[index] as number);
    this.readAll(bytes, this.positionOf[index] as number);
    if (this.passportOnly[index] === 1) return { ok: true, passportOnly: unpackEvent(bytes).fields as never };
    const event = unpackPersonEvent(bytes);
    this.places.set(event, index);
    return { ok: true, event };
  }

  /** Closes the file, which frees its space; again, it does nothing. */
  close(): void {
    const { fd } = this;
    this.fd = undefined;
    if (fd !== undefined) closeSync(fd);
  }

  private openFile(): number {
    if (this.fd === undefined) throw new Error("the backtest's history file was closed");
    return this.fd;
  }

  private flush(): void {
    if (!this.pending) return;
    this.writeAll(this.pending.subarray(0, this.pendingBytes));
    this.pendingBytes = 0;
  }

  private writeAll(bytes: Uint8Array): void {
    const fd = this.openFile();
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done, this.written + done);
    this.written += bytes.length;
  }

  private readAll(into: Buffer, position: number): void {
    const fd = this.openFile();
    let done = 0;
    while (done < into.length) {
      const read = readSync(fd, into, done, into.length - done, position + done);
      if (read === 0)
        throw new Error(`the backtest's history file ends before byte ${position + into.length}`);
      done += read;
    }
  }

  private indexAt(position: number): number {
    if (!this.order) throw new Error('the history is not in replay order yet (seal it first)');
    return this.order[position] as number;
  }

  private grow(): void {
    const size = this.times.length * 2;
    const grown = <T extends Float64Array | Uint8Array | Uint32Array>(
      array: T,
      make: new (n: number) => T,
    ) => {
      const next = new make(size);
      next.set(array);
      return next;
    };
    this.times = grown(this.times, Float64Array);
    this.ranks = grown(this.ranks, Uint8Array);
    this.passportOnly = grown(this.passportOnly, Uint8Array);
    this.positionOf = grown(this.positionOf, Float64Array);
    this.lengthOf = grown(this.lengthOf, Uint32Array);
  }
}
