import { DEFAULT_MEMORY_RELEASE, shouldReleaseMemory } from '../../src/ops/memory-release';

const MIB = 1024 * 1024;
const sample = (rssMiB: number, heapMiB: number, busy: number) => ({
  rssBytes: rssMiB * MIB,
  heapBytes: heapMiB * MIB,
  externalBytes: 5 * MIB,
  busy,
});
const long = DEFAULT_MEMORY_RELEASE.minIntervalMs;

describe('shouldReleaseMemory', () => {
  it('gives back what a quiet process holds far beyond its heap (a processor after a replay)', () => {
    // Measured after a replay: RSS 1,322 MiB, 254 MiB of heap committed, 5 MiB of buffers.
    expect(shouldReleaseMemory(sample(1_322, 254, 0.01), long)).toBe(true);
  });

  it('leaves a process whose memory is its heap', () => {
    expect(shouldReleaseMemory(sample(600, 450, 0.05), long)).toBe(false);
  });

  it('waits while the loop is busy: the pause would fall on live work', () => {
    expect(shouldReleaseMemory(sample(1_322, 254, 0.8), long)).toBe(false);
    // A steady 500 events/s keeps the loop itself busy only a tenth of the time: still live work.
    expect(shouldReleaseMemory(sample(1_322, 254, 0.1), long)).toBe(false);
  });

  it('gives back at most once in the interval', () => {
    expect(shouldReleaseMemory(sample(1_322, 254, 0.01), long - 1)).toBe(false);
  });
});
