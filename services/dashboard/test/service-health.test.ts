import { combineFigures, notifierFigures, parseMetricsText, perMinute } from '../src/service-health';

const NOTIFIER_METRICS = `# HELP waspada_notifier_desks_connected Desk screens connected to the live channel, by checkpoint
# TYPE waspada_notifier_desks_connected gauge
waspada_notifier_desks_connected{checkpoint="CGK",service="notifier"} 2
waspada_notifier_desks_connected{checkpoint="DPS",service="notifier"} 1
# HELP waspada_notifier_webhook_deliveries_total Webhook outcomes per alert
# TYPE waspada_notifier_webhook_deliveries_total counter
waspada_notifier_webhook_deliveries_total{subscriber="kp2mi",outcome="delivered",service="notifier"} 40
waspada_notifier_webhook_deliveries_total{subscriber="kp2mi",outcome="dead_letter",service="notifier"} 2
waspada_notifier_webhook_deliveries_total{subscriber="polri",outcome="delivered",service="notifier"} 7
# HELP waspada_notifier_webhook_retries_total Webhook attempts that failed and were retried
# TYPE waspada_notifier_webhook_retries_total counter
waspada_notifier_webhook_retries_total{subscriber="kp2mi",service="notifier"} 5
# HELP waspada_process_cpu_seconds_total Total user and system CPU time spent in seconds.
# TYPE waspada_process_cpu_seconds_total counter
waspada_process_cpu_seconds_total{service="notifier"} 1.5
`;

describe('notifierFigures', () => {
  it("reads connected desks, webhook outcomes and retries from the notifier's metrics", () => {
    expect(notifierFigures(parseMetricsText(NOTIFIER_METRICS))).toEqual({
      desksConnected: 3,
      desksByCheckpoint: { CGK: 2, DPS: 1 },
      deliveries: { 'kp2mi/delivered': 40, 'kp2mi/dead_letter': 2, 'polri/delivered': 7 },
      retries: { kp2mi: 5 },
    });
  });

  it('is undefined for a service that is not a notifier', () => {
    const producer =
      '# TYPE waspada_process_cpu_seconds_total counter\nwaspada_process_cpu_seconds_total 1\n';
    expect(notifierFigures(parseMetricsText(producer))).toBeUndefined();
  });

  it('adds up several notifier instances', () => {
    const one = notifierFigures(parseMetricsText(NOTIFIER_METRICS));
    expect(one).toBeDefined();
    const both = combineFigures([one!, one!]);
    expect(both?.desksConnected).toBe(6);
    expect(both?.deliveries['kp2mi/delivered']).toBe(80);
  });
});

describe('perMinute', () => {
  it('turns a cumulative counter into a rate per minute and skips a restart', () => {
    expect(
      perMinute([
        { t: 0, value: 10 },
        { t: 30_000, value: 20 },
        { t: 60_000, value: 2 },
        { t: 90_000, value: 5 },
      ]),
    ).toEqual([
      [30_000, 20],
      [90_000, 6],
    ]);
  });
});
