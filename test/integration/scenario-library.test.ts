import { TOPICS } from '@waspada/common';
import { openInProcessAgencies } from '@waspada/producer-kit';
import type { RiskProcessor } from '@waspada/risk-processor';
import { FlapCounter } from '@waspada/risk-rules';
import type { RiskAlert } from '@waspada/schemas';
import { logger, openTestKit, uniqueName, type TestKit } from './support/clients';
import { openPrivateStack, type RunningPrivateStack } from './support/private-stack';
import {
  PERSON_TOPICS,
  finalAlerts,
  readAlerts,
  startTestProcessor,
  uniqueInstance,
  waitSettled,
  type PublishedAlert,
} from './support/risk-pipeline';
import {
  loadKnownGaps,
  loadScenarios,
  planScenarios,
  type ScenarioCase,
  type ScenarioPlan,
} from './support/scenarios';

/**
 * The scenario library (test/scenarios/) through the real agency producers to the risk processor,
 * on a private stack so nothing else is on its topics. History first, then each case's live records
 * round by round (its first in round 1, its second in round 2, ...) with the processor caught up in
 * between, as one thing after another happens at a counter. Each case is then checked on its own:
 * a trafficking case by the rules it expects and when, a legitimate one by having no open alert.
 */
// SCENARIOS=<id>,<id> runs only those cases, to look at one closely.
const only = process.env.SCENARIOS?.split(',').filter(Boolean);
const cases = loadScenarios().filter((scenario) => !only || only.includes(scenario.id));
const trafficking = cases.filter((scenario) => scenario.label === 'trafficking');
const knownGaps = loadKnownGaps();
const legitimate = cases.filter((scenario) => scenario.label === 'legitimate');

const HISTORY_ORDER = ['borderCrossing', 'citizenAbroad', 'placement', 'passport', 'identity'] as const;

/** What the alerts topic said about each person after each round: the last word per situation. */
type Snapshot = ReadonlyMap<string, readonly RiskAlert[]>;

describe('the scenario library on the real stack', () => {
  let running: RunningPrivateStack;
  let kit: TestKit;
  let processor: RiskProcessor | undefined;
  let plan: ScenarioPlan;
  /** snapshots[r]: open alerts per NIK once round r was judged. */
  const snapshots: Snapshot[] = [];
  /** Every alert published about each NIK, NEW or follow-up. */
  let everything: readonly PublishedAlert[] = [];

  beforeAll(async () => {
    running = await openPrivateStack(29800);
    kit = await openTestKit(running.connections);
    // Cases end within 50 minutes of their "now"; a now 55 minutes ago keeps every record in the past.
    plan = planScenarios(cases, Date.now() - 55 * 60_000);
    const niks = new Set([...plan.niks.values()].flatMap((people) => [...people.values()]));
    const agencies = await openInProcessAgencies(running.connections, logger);
    const groupId = uniqueName('scenario-library');
    try {
      // The watchlist of the day is published before the processor starts, as agencies keep it.
      const send = async (round: number, watchlist: boolean) => {
        const records = plan.records.filter(
          (entry) => entry.round === round && (entry.agency === 'watchlist') === watchlist,
        );
        for (const caseId of new Set(records.map((entry) => entry.caseId))) {
          const own = records.filter((entry) => entry.caseId === caseId);
          // History goes agency by agency, crossings first and Dukcapil's records last: the order
          // of a replay or a late sync, which the judgement must not depend on.
          const batches =
            round === 0 && !watchlist
              ? HISTORY_ORDER.map((agency) => own.filter((entry) => entry.agency === agency))
              : [own];
          for (const batch of batches.filter((list) => list.length > 0)) {
            await agencies.submit(batch).catch((error: unknown) => {
              throw new Error(`case ${caseId}, round ${round}: ${(error as Error).message}`);
            });
          }
        }
      };
      await send(0, true);
      processor = await startTestProcessor(running.connections, groupId, uniqueInstance('scenarios'));
      for (let round = 0; round <= plan.rounds; round += 1) {
        if (round > 0) await send(round, true);
        await send(round, false);
        // What those records taught about other people comes back as re-judge requests: waited for too.
        await waitSettled(kit, groupId, 120_000, [...PERSON_TOPICS, TOPICS.watchlist]);
        everything = await readAlerts(kit, niks);
        snapshots.push(openByPerson(everything));
      }
    } finally {
      await agencies.close();
    }
    printSummary(cases, plan, snapshots, everything);
  }, 900_000);

  afterAll(async () => {
    await processor?.close();
    await kit?.close();
    await running?.close();
  }, 120_000);

  // (With SCENARIOS set, one of the two lists may be empty; jest refuses an empty table.)
  const legitimateTable = legitimate.map((scenario) => [scenario.id, scenario] as const);
  const traffickingTable = trafficking.map((scenario) => [scenario.id, scenario] as const);
  (legitimateTable.length > 0 ? it.each(legitimateTable) : it.skip.each([['none', undefined]]))(
    'legitimate: %s ends with no open alert',
    (_id, scenario) => {
      if (!scenario) return;
      const open = openAlertsOf(scenario, plan, snapshots[snapshots.length - 1] as Snapshot);
      expect(open.map(describeAlert)).toEqual([]);
    },
  );

  (traffickingTable.length > 0 ? it.each(traffickingTable) : it.skip.each([['none', undefined]]))(
    'trafficking: %s is alerted by the expected rules, by the expected record',
    (_id, scenario) => {
      if (!scenario) return;
      const unmet = unmetRules(scenario, plan, snapshots);
      // A known gap must still be one (test/scenarios/known-gaps.json): remove the entry once it is met.
      const gaps = knownGaps
        .filter((gap) => gap.case === scenario.id)
        .map((gap) => `${gap.person} ${gap.rule}`);
      expect(unmet).toEqual(gaps);
      if (gaps.length === 0) expect(unmetExpectations(scenario, plan, snapshots)).toEqual([]);
    },
  );
});

function openByPerson(alerts: readonly PublishedAlert[]): Snapshot {
  const open = new Map<string, RiskAlert[]>();
  for (const alert of finalAlerts(alerts)) {
    if (alert.kind === 'RESOLVED') continue;
    open.set(alert.person.nik, [...(open.get(alert.person.nik) ?? []), alert]);
  }
  return open;
}

function openAlertsOf(scenario: ScenarioCase, plan: ScenarioPlan, snapshot: Snapshot): RiskAlert[] {
  return [...(plan.niks.get(scenario.id)?.values() ?? [])].flatMap((nik) => snapshot.get(nik) ?? []);
}

const describeAlert = (alert: RiskAlert) =>
  `${alert.situation} ${alert.severity} ${alert.rules.map((rule) => rule.ruleId).join('+')}: ${alert.rules
    .flatMap((rule) => rule.reasons.map((reason) => reason.text))
    .join('; ')}`;

/** The expectations not met, as "person rule". */
function unmetRules(scenario: ScenarioCase, plan: ScenarioPlan, snapshots: readonly Snapshot[]): string[] {
  return scenario.expect.flatMap((expectation) => {
    const nik = plan.niks.get(scenario.id)?.get(expectation.person) ?? '';
    const by = plan.records.find((entry) => entry.caseId === scenario.id && entry.ref === expectation.by);
    const alerts = (snapshots[by?.round ?? 0] ?? new Map<string, RiskAlert[]>()).get(nik) ?? [];
    const fired = new Set(alerts.flatMap((alert) => alert.rules.map((rule) => rule.ruleId)));
    return expectation.rules
      .filter((rule) => !fired.has(rule))
      .map((rule) => `${expectation.person} ${rule}`);
  });
}

/** Each expectation not met: the rules missing from the person's open alerts once its record was judged. */
function unmetExpectations(
  scenario: ScenarioCase,
  plan: ScenarioPlan,
  snapshots: readonly Snapshot[],
): string[] {
  const unmet: string[] = [];
  for (const expectation of scenario.expect) {
    const nik = plan.niks.get(scenario.id)?.get(expectation.person) ?? '';
    const by = plan.records.find((entry) => entry.caseId === scenario.id && entry.ref === expectation.by);
    const snapshot: Snapshot = snapshots[by?.round ?? 0] ?? new Map<string, RiskAlert[]>();
    const alerts = snapshot.get(nik) ?? [];
    const fired = new Set(alerts.flatMap((alert) => alert.rules.map((rule) => rule.ruleId)));
    const missing = expectation.rules.filter((rule) => !fired.has(rule));
    if (missing.length > 0) {
      unmet.push(
        `${expectation.person} by ${expectation.by} (round ${by?.round ?? '?'}): missing ${missing.join(', ')}; open: ${
          alerts.map(describeAlert).join(' | ') || 'none'
        }`,
      );
    }
  }
  return unmet;
}

function printSummary(
  all: readonly ScenarioCase[],
  plan: ScenarioPlan,
  snapshots: readonly Snapshot[],
  alerts: readonly PublishedAlert[],
): void {
  const last: Snapshot = snapshots[snapshots.length - 1] ?? new Map<string, RiskAlert[]>();
  const everAlerted = new Set(
    alerts.filter(({ alert }) => alert.kind !== 'RESOLVED').map(({ alert }) => alert.person.nik),
  );
  const byPopulation = new Map<string, { cases: number; alerted: number; detected: number; label: string }>();
  let truePositives = 0;
  let falsePositives = 0;
  let detected = 0;
  const alertedLegitimate: string[] = [];
  for (const scenario of all) {
    const open = openAlertsOf(scenario, plan, last).length > 0;
    const met = scenario.label === 'trafficking' && unmetExpectations(scenario, plan, snapshots).length === 0;
    const key = `${scenario.label}/${scenario.population}`;
    const row = byPopulation.get(key) ?? { cases: 0, alerted: 0, detected: 0, label: scenario.label };
    row.cases += 1;
    if (open) row.alerted += 1;
    if (met) row.detected += 1;
    byPopulation.set(key, row);
    if (scenario.label === 'trafficking') {
      if (open) truePositives += 1;
      if (met) detected += 1;
    } else {
      const ever = [...(plan.niks.get(scenario.id)?.values() ?? [])].some((nik) => everAlerted.has(nik));
      if (open) falsePositives += 1;
      // Who was alerted and by which rules, so a withdrawn alert can be read in the CI log.
      const raised = [...(plan.niks.get(scenario.id) ?? [])].flatMap(([person, nik]) =>
        alerts
          .filter(({ alert }) => alert.person.nik === nik && alert.kind === 'NEW')
          .map(({ alert }) => `${person} ${alert.rules.map((rule) => rule.ruleId).join('+')}`),
      );
      if (open || ever)
        alertedLegitimate.push(
          `${scenario.id} (${open ? 'open' : 'alerted, then resolved'}: ${raised.join(', ') || 'follow-up only'})`,
        );
    }
  }
  const traffickingCases = all.filter((scenario) => scenario.label === 'trafficking').length;
  const newAlerts = alerts.filter(({ alert }) => alert.kind === 'NEW').length;
  const flaps = new FlapCounter();
  for (const { alert } of alerts) flaps.observe(alert);
  const lines = [
    `scenario library: ${all.length} cases (${traffickingCases} trafficking, ${all.length - traffickingCases} legitimate), ${alerts.length} alerts (${newAlerts} NEW)`,
    `  precision ${(truePositives / Math.max(1, truePositives + falsePositives)).toFixed(3)} (cases with an open alert that are trafficking)`,
    `  recall ${(truePositives / Math.max(1, traffickingCases)).toFixed(3)} (trafficking cases with an open alert); every expectation met in ${detected} of ${traffickingCases}`,
    `  legitimate cases alerted: ${alertedLegitimate.length === 0 ? 'none' : alertedLegitimate.join(', ')}`,
    `  flapping: ${flaps.flapped} of ${flaps.newAlerts} NEW alerts withdrawn within a minute (${(flaps.share * 100).toFixed(1)}%)`,
    `  known gaps: ${knownGaps.map((gap) => `${gap.case} (${gap.person} ${gap.rule})`).join(', ') || 'none'}`,
    ...[...byPopulation]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([population, row]) =>
          `  ${population}: ${row.cases} cases, ${row.alerted} with an open alert${row.label === 'trafficking' ? `, ${row.detected} as expected` : ''}`,
      ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
