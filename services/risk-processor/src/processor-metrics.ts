import {
  Counter,
  createMetricsRegistry,
  Gauge,
  Histogram,
  maskNik,
  type IncomingRecord,
  type Logger,
  windowStageHistogram,
} from '@waspada/common';
import type { ApplyResult, WindowJudgement } from './batch-processor';
import { SERVICE } from './processor-io';

function processorMetricsRegistry() {
  const registry = createMetricsRegistry(SERVICE);
  return {
    registry,
    events: new Counter({
      name: 'waspada_risk_events_total',
      help: 'Agency events read, by outcome (applied, duplicate, dead_letter, committed_elsewhere)',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    alerts: new Counter({
      name: 'waspada_risk_alerts_total',
      help: 'Alerts published, by kind and severity',
      labelNames: ['kind', 'severity'],
      registers: [registry],
    }),
    timers: new Counter({
      name: 'waspada_risk_timers_fired_total',
      help: 'Absence timers fired',
      registers: [registry],
    }),
    published: new Counter({
      name: 'waspada_risk_alerts_committed_total',
      help: 'Alerts committed to the alerts topic',
      registers: [registry],
    }),
    batchSeconds: new Histogram({
      name: 'waspada_risk_batch_seconds',
      help: 'Time to apply one group of batches handed over together (judged and committed with its window)',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    recordAge: new Histogram({
      name: 'waspada_risk_record_age_seconds',
      help: 'From a record being appended to Kafka to its batch being judged',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 30, 300],
      registers: [registry],
    }),
    situationToAlert: new Histogram({
      name: 'waspada_risk_event_to_alert_seconds',
      help: 'From the event time of the situation (the scan at the counter) to the alert being decided',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 30],
      registers: [registry],
    }),
    rebuilds: new Counter({
      name: 'waspada_risk_state_rebuilds_total',
      help: 'Times this instance rebuilt the Redis state from Kafka after finding it incomplete (Redis lost its data)',
      registers: [registry],
    }),
    topicPauses: new Counter({
      name: 'waspada_risk_topic_pauses_total',
      help: 'Times an agency topic-partition was paused because it ran ahead of another still far behind',
      registers: [registry],
    }),
    heldRecords: new Gauge({
      name: 'waspada_risk_held_records',
      help: 'Records fetched and held until the other agency topic-partitions still far behind delivered past them',
      registers: [registry],
    }),
    windowsFailed: new Counter({
      name: 'waspada_risk_windows_failed_total',
      help: 'Windows not committed (a failed transaction, a fenced task, a lost state): their records are processed again',
      registers: [registry],
    }),
    fences: new Counter({
      name: 'waspada_risk_task_fences_total',
      help: 'Times a partition task fenced its transactional id (at assignment, after a failed transaction)',
      registers: [registry],
    }),
    partitions: new Gauge({
      name: 'waspada_risk_partitions_owned',
      help: 'Partition numbers owned',
      registers: [registry],
    }),
    windowStages: windowStageHistogram(registry, 'waspada_risk_window_stage_seconds'),
  };
}

/**
 * The processor's metrics, and what it logs with them: each batch applied (its dead letters one by
 * one) and each window judged (its alerts one by one, the NIK masked).
 */
export function createProcessorMetrics(logger: Logger) {
  const metrics = processorMetricsRegistry();
  return {
    ...metrics,
    batchApplied(result: ApplyResult, records: readonly IncomingRecord[], started: bigint): void {
      const now = Date.now();
      metrics.events.inc({ outcome: 'applied' }, result.applied);
      metrics.events.inc({ outcome: 'duplicate' }, result.duplicates);
      metrics.events.inc({ outcome: 'dead_letter' }, result.deadLetters.length);
      for (const dead of result.deadLetters) {
        logger.warn(
          {
            topic: dead.sourceTopic,
            partition: dead.sourcePartition,
            offset: dead.sourceOffset,
            stage: dead.stage,
            errors: dead.errors,
          },
          'record sent to the dead-letter topic',
        );
      }
      metrics.batchSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
      for (const incoming of records) metrics.recordAge.observe((now - incoming.timestamp) / 1000);
    },
    windowJudged(judged: WindowJudgement): void {
      metrics.timers.inc(judged.timersFired);
      for (const alert of judged.alerts) {
        metrics.alerts.inc({ kind: alert.kind, severity: alert.severity });
        metrics.situationToAlert.observe((Date.now() - alert.eventTime) / 1000);
        logger.info(
          {
            alertId: alert.alertId,
            kind: alert.kind,
            severity: alert.severity,
            nik: maskNik(alert.person.nik),
            situation: alert.situation,
            rules: alert.rules.map((rule) => rule.ruleId),
          },
          'alert decided',
        );
      }
    },
  };
}

export type ProcessorMetrics = ReturnType<typeof createProcessorMetrics>;
