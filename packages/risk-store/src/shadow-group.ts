/**
 * The consumer group of a version's shadow run: its own offsets, so it reads the stream from the
 * start. The processor starts the run under this group; the shadow diff reads its lag from it.
 */
export const shadowGroupOf = (version: string) => `waspada-risk-shadow-${version}`;
