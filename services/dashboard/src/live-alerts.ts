import { maskNik } from '@waspada/common';
import type { RiskAlert } from '@waspada/schemas';

/**
 * An alert as the ops page shows it. Operators watch the flow, they do not handle the person: the
 * NIK is masked and names and birth dates are left out.
 */
export interface OpsAlertEntry {
  readonly alertId: string;
  readonly firstAlertId: string;
  readonly revision: number;
  readonly kind: RiskAlert['kind'];
  readonly severity: RiskAlert['severity'];
  readonly score: number;
  readonly ruleIds: readonly string[];
  readonly checkpointCode: string | null;
  readonly checkpointName: string | null;
  readonly originRegencyCode: string;
  readonly originRegencyName: string | null;
  readonly nik: string;
  readonly eventTime: string;
  readonly alertTime: string;
  /** The trace the alert was decided in (from its record's `traceparent`), null when it carried none. */
  readonly traceId: string | null;
}

export function opsEntry(
  alert: RiskAlert,
  checkpointName: (code: string) => string | undefined,
  traceId: string | null = null,
): OpsAlertEntry {
  const code = alert.target.checkpointCode;
  return {
    alertId: alert.alertId,
    firstAlertId: alert.firstAlertId,
    revision: alert.revision,
    kind: alert.kind,
    severity: alert.severity,
    score: alert.score,
    ruleIds: alert.rules.map((rule) => rule.ruleId),
    checkpointCode: code,
    checkpointName: code === null ? null : (checkpointName(code) ?? null),
    originRegencyCode: alert.person.originRegencyCode,
    originRegencyName: alert.person.originRegencyName,
    nik: maskNik(alert.person.nik),
    eventTime: new Date(alert.eventTime).toISOString(),
    alertTime: new Date(alert.alertTime).toISOString(),
    traceId,
  };
}

type Listener = (entry: OpsAlertEntry) => void;

/**
 * The latest alerts for pages that connect, and the live flow to pages that are connected. Each
 * alert id enters once, however often the topic carries it.
 */
export class LiveAlerts {
  private readonly recent: OpsAlertEntry[] = [];
  private readonly ids = new Set<string>();
  private readonly listeners = new Set<Listener>();

  constructor(private readonly capacity: number) {}

  publish(entry: OpsAlertEntry): boolean {
    if (this.ids.has(entry.alertId)) return false;
    this.recent.push(entry);
    this.ids.add(entry.alertId);
    while (this.recent.length > this.capacity) {
      const dropped = this.recent.shift();
      if (dropped) this.ids.delete(dropped.alertId);
    }
    for (const listener of this.listeners) listener(entry);
    return true;
  }

  /**
   * What a page that connects is sent first, oldest first: everything after `lastId` when the
   * page resumes and that id is still kept, else the `limit` latest by alert time.
   */
  backlog(lastId: string | undefined, limit: number): OpsAlertEntry[] {
    const index = lastId === undefined ? -1 : this.recent.findIndex((entry) => entry.alertId === lastId);
    const entries = index >= 0 ? this.recent.slice(index + 1) : [...this.recent];
    return entries.sort((a, b) => a.alertTime.localeCompare(b.alertTime)).slice(-limit);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  subscribers(): number {
    return this.listeners.size;
  }
}
