/** A committed offset of a group: the next offset the group will read on that partition. */
export interface CommittedOffset {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

export interface GroupLag {
  readonly total: number;
  readonly byTopic: Readonly<Record<string, number>>;
}

/**
 * How far a group is behind: per partition it committed on, high watermark minus committed offset,
 * summed per topic and overall. A partition with nothing committed (-1) is left out: there is no
 * position to measure from. On a transactional topic the high watermark counts commit markers too,
 * so a group that read everything shows up to one offset per open partition of lag; a committed
 * offset past the known high (polled a moment earlier) counts as zero, never negative.
 */
export function groupLag(
  committed: readonly CommittedOffset[],
  highs: ReadonlyMap<string, ReadonlyMap<number, string>>,
): GroupLag {
  const byTopic: Record<string, number> = {};
  let total = 0n;
  for (const { topic, partition, offset } of committed) {
    const committedOffset = BigInt(offset);
    if (committedOffset < 0n) continue;
    const high = highs.get(topic)?.get(partition);
    if (high === undefined) continue;
    const lag = BigInt(high) - committedOffset;
    const counted = lag > 0n ? lag : 0n;
    byTopic[topic] = (byTopic[topic] ?? 0) + Number(counted);
    total += counted;
  }
  return { total: Number(total), byTopic };
}

/** Topics a group committed on at least one partition of, so their end offsets can be polled. */
export function committedTopics(committed: readonly CommittedOffset[]): string[] {
  return [...new Set(committed.filter((entry) => BigInt(entry.offset) >= 0n).map((entry) => entry.topic))];
}
