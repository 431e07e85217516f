import type { Redis } from '@waspada/common';
import { analystKeys } from './analyst-keys';
import { createAnalystIndexReader } from './analyst-index-reader';
import { createAnalystIndexWriter } from './analyst-index-writer';
import { createEntityResolver } from './entity-resolver';

export type { EntityInfo, SituationInfo } from './analyst-index-reader';

/**
 * The analyst index in Redis (its layout is in analyst-keys.ts): written by the index consumer from
 * the streams, read by the analyst APIs. `prefix` moves every key, so a test gets an index of its own.
 */
export function createAnalystStore(redis: Redis, prefix?: string) {
  const keys = analystKeys(prefix);
  const names = createEntityResolver(redis, keys);
  return { ...createAnalystIndexWriter(redis, keys, names), ...createAnalystIndexReader(redis, keys, names) };
}

export type AnalystStore = ReturnType<typeof createAnalystStore>;
