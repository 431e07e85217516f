/**
 * Flapping: a NEW alert withdrawn (DOWNGRADED or RESOLVED) within a minute of being raised. At a
 * desk it is a flash on the screen that was taken back: an officer who sees many stops trusting
 * the screen, so the share is watched on the dashboard and reported by the scenario library and
 * the bench. Reads alerts as the alerts topic has them; each alert id counts once.
 */
export const FLAP_WINDOW_MS = 60_000;

export interface FlapFacts {
  readonly alertId: string;
  readonly firstAlertId: string;
  readonly kind: 'NEW' | 'ESCALATED' | 'DOWNGRADED' | 'RESOLVED';
  readonly alertTime: number;
}

export class FlapCounter {
  private readonly raisedAt = new Map<string, number>();
  private readonly seen = new Set<string>();
  private readonly withdrawn = new Set<string>();
  newAlerts = 0;

  /** Counts one alert; a follow-up read before its NEW alert (another partition) is not counted. */
  observe(alert: FlapFacts): void {
    if (this.seen.has(alert.alertId)) return;
    this.seen.add(alert.alertId);
    if (alert.kind === 'NEW') {
      this.newAlerts += 1;
      this.raisedAt.set(alert.firstAlertId, alert.alertTime);
      return;
    }
    const raised = this.raisedAt.get(alert.firstAlertId);
    if (
      (alert.kind === 'DOWNGRADED' || alert.kind === 'RESOLVED') &&
      raised !== undefined &&
      alert.alertTime - raised <= FLAP_WINDOW_MS
    )
      this.withdrawn.add(alert.firstAlertId);
  }

  /** NEW alerts withdrawn within the minute. */
  get flapped(): number {
    return this.withdrawn.size;
  }

  /** The flapped share of NEW alerts, 0 when there were none. */
  get share(): number {
    return this.newAlerts === 0 ? 0 : this.flapped / this.newAlerts;
  }

  /** Forgets alerts raised before `cutoff`, for a long-running reader. */
  prune(cutoff: number): void {
    for (const [firstAlertId, raised] of this.raisedAt)
      if (raised < cutoff) this.raisedAt.delete(firstAlertId);
    if (this.seen.size > 200_000) this.seen.clear();
  }
}
