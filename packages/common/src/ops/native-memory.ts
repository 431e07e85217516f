/**
 * Environment for a Waspada service's process, set by whatever starts it (`npm start`, the
 * benchmarks; a deployment's unit or container the same way): the C library reads it once, at start.
 *
 * glibc serves a large allocation (a Kafka fetch response, a Redis reply of many people) from its
 * own heap instead of a mapping of its own once a first one has been freed: its threshold rises
 * after each such free, up to 32 MiB. Freed, that memory mostly stays with the process, since the
 * heap returns only what lies above its last allocation in use. A fixed threshold of 128 KiB
 * keeps large buffers in mappings of their own, given back to the system when freed. Measured on
 * the processor after a replay, memory given back and idle: C heap 98 against 69 MiB, RSS 297
 * against 252 MiB (`/proc/<pid>/smaps`, 2026-12-06).
 */
export const NATIVE_MEMORY_ENV: Readonly<Record<string, string>> = {
  MALLOC_MMAP_THRESHOLD_: String(128 * 1024),
};
