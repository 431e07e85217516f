import { DEFAULT_MEMORY_RELEASE, shouldReleaseMemory } from '../../src/ops/memory-release';

const MIB = 1024 * 1024;
const sample = (rssMiB: number, heapMiB: number, quietMs: number) => ({
  rssBytes: rssMiB * MIB,
  heapBytes: heapMiB * MIB,
  externalBytes: 5 * MIB,
  quietMs,
});
const long = DEFAULT_MEMORY_RELEASE.minIntervalMs;

describe('shouldReleaseMemory', () => {
  it('gives back what a quiet process holds far beyond its heap (a processor after a replay)', () => {
    // Measured after a replay: RSS 1,322 MiB, 83 MiB of the heap in use, 5 MiB of buffers.
    expect(shouldReleaseMemory(sample(1_322, 83, 5_000), long)).toBe(true);
  });

  it('gives back what a quiet process holds above its budget, even as heap "in use"', () => {
    // After a replay the heap in use is mostly garbage a quiet process never collects.
    expect(shouldReleaseMemory(sample(449, 300, 60_000), long)).toBe(true);
  });

  it('leaves a process within its budget whose memory is its heap', () => {
    expect(shouldReleaseMemory(sample(250, 150, 60_000), long)).toBe(false);
  });

  it('waits until the loop has been quiet a while: the pause would fall on live work', () => {
    expect(shouldReleaseMemory(sample(1_322, 83, 0), long)).toBe(false);
    expect(shouldReleaseMemory(sample(1_322, 83, 4_000), long)).toBe(false);
  });

  it('gives back at most once in the interval', () => {
    expect(shouldReleaseMemory(sample(1_322, 83, 60_000), long - 1)).toBe(false);
  });
});
