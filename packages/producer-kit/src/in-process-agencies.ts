import type { BrokerConnections, Logger } from '@waspada/common';
import { AGENCIES } from './agencies';
import { startProducerService, type ProducerService } from './producer-service';

export type AgencyName = keyof typeof AGENCIES;

/** A record for one agency's producer, as the simulator makes them. */
export interface AgencyRecord {
  readonly agency: AgencyName;
  readonly record: Record<string, unknown>;
}

/**
 * Every agency producer in this process, fed through its intake (validation, Avro, acks=all)
 * without HTTP: for tests and benchmarks that need the real producers' output at full speed.
 */
export async function openInProcessAgencies(connections: BrokerConnections, logger: Logger) {
  const services = new Map<AgencyName, ProducerService>();
  for (const [agency, definition] of Object.entries(AGENCIES) as [
    AgencyName,
    (typeof AGENCIES)[AgencyName],
  ][]) {
    services.set(
      agency,
      await startProducerService(definition, { connections, host: '127.0.0.1', port: 0 }, logger, {
        listen: false,
      }),
    );
  }
  return {
    /** Submits records, all agencies at once; resolves with the event ids once every one is acknowledged. */
    async submit(records: readonly AgencyRecord[]): Promise<string[]> {
      const byAgency = new Map<AgencyName, AgencyRecord[]>();
      for (const entry of records) byAgency.set(entry.agency, [...(byAgency.get(entry.agency) ?? []), entry]);
      const ids = await Promise.all(
        [...byAgency].map(async ([agency, list]) => {
          const service = services.get(agency) as ProducerService;
          const results = await service.intake.submit(
            list.map((entry) => ({
              raw: entry.record,
              original: Buffer.from(JSON.stringify(entry.record)),
              sourceName: 'in-process',
            })),
            'SIMULATOR',
            'application/json',
          );
          return results.map((result) => {
            if (!result.accepted) {
              throw new Error(`a ${agency} record was refused: ${JSON.stringify(result.errors)}`);
            }
            return result.eventId;
          });
        }),
      );
      return ids.flat();
    },
    async close(): Promise<void> {
      for (const service of services.values()) await service.close();
    },
  };
}
