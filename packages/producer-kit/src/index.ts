/** The public entry of @waspada/producer-kit. */
export * from './agencies';
export * from './batching-publisher';
export * from './chunk-pipeline';
export * from './file-import';
export * from './http-api';
export * from './intake';
export * from './normalize';
export * from './producer-service';
export * from './record-intake-service';
export * from './run-producer';
export * from './in-process-agencies';
