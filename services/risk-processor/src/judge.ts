import type { ReferenceData } from '@waspada/domain';
import {
  alertLinkWrite,
  alertOf,
  changeFor,
  companionRequests,
  evaluateSituation,
  lateFamilyRequests,
  linkLookupsFor,
  linksFrom,
  recordChange,
  RuleError,
  type CompanionFlag,
  type LinkedPerson,
  type LinkKey,
  type LinkWrite,
  type PersonState,
  type RuleSet,
  type Decision,
  type Situation,
  type Watchlist,
  type Exemptions,
} from '@waspada/risk-rules';
import type { StateStore } from '@waspada/risk-store';
import type { RejudgeRequest, RiskAlert } from '@waspada/schemas';

/** The part of the state store a judgement reads and writes: the link indexes between people. */
export type LinkStore = Pick<StateStore, 'readLinks' | 'addLinks'>;

export interface JudgeDeps {
  readonly store: LinkStore;
  readonly ruleSet: RuleSet;
  readonly reference: ReferenceData;
  readonly watchlist: Watchlist;
  /** Approved exemptions (the exemptions topic); none in a backtest or a rebuild. */
  readonly exemptions?: Exemptions;
  readonly clock: () => number;
  /**
   * Told of every judgement, an alert or not: a backtest counts the situations judged without an
   * alert too, which the ledger comparison below never reports.
   */
  readonly onJudged?: (nik: string, situation: Situation, decision: Decision | null) => void;
}

export interface PersonToJudge {
  readonly state: PersonState;
  readonly flags: readonly CompanionFlag[];
  readonly situations: readonly Situation[];
  /** Records new in this window: a departure judged on one of them tells its earlier companions. */
  readonly fresh?: ReadonlySet<string>;
}

export interface Judgement {
  readonly alerts: RiskAlert[];
  /** Rules that threw: the situation is skipped and reported, the rest of the batch goes on. */
  readonly failures: { readonly nik: string; readonly situation: Situation; readonly error: RuleError }[];
  /** People whose ledger changed, so their state must be saved. */
  readonly changed: Set<string>;
  /** Companions whose own departures this window's scans bear on (see companionRequests). */
  readonly requests: RejudgeRequest[];
}

/**
 * Judges situations of many people at once: one round trip for every link index they read, then
 * pure evaluation, then the ledger comparison that decides what, if anything, to publish.
 */
export async function judge(deps: JudgeDeps, people: readonly PersonToJudge[]): Promise<Judgement> {
  const keys = new Set<LinkKey>();
  let around = 0;
  // Identity records new in this window that name a family card: they may be late (see lateFamilyRequests).
  const cardsLearnt = new Map<string, string[]>();
  for (const person of people) {
    for (const situation of person.situations) {
      for (const key of linkLookupsFor(person.state, situation)) keys.add(key);
      around = Math.max(around, situation.time);
    }
    const learnt = person.state.history.filter(
      (event) => event.kind === 'identity' && event.familyCardNumber && person.fresh?.has(event.eventId),
    );
    if (learnt.length === 0) continue;
    cardsLearnt.set(
      person.state.nik,
      learnt.map((event) => event.eventId),
    );
    for (const event of learnt)
      if (event.kind === 'identity') keys.add(`family-trip:${event.familyCardNumber}`);
  }
  const found =
    keys.size > 0 ? await deps.store.readLinks([...keys], around) : new Map<LinkKey, LinkedPerson[]>();
  const alerts: RiskAlert[] = [];
  const failures: Judgement['failures'] = [];
  const changed = new Set<string>();
  const alertLinks: LinkWrite[] = [];
  const requests: RejudgeRequest[] = [];
  const alertTime = deps.clock();
  // Built once per window: every person's judgement looks up its own keys in the same maps.
  const shared = linksFrom(found, []);
  for (const person of people) {
    const links = { ...shared, companionFlags: person.flags };
    for (const situation of [...person.situations].sort((a, b) => a.time - b.time)) {
      let decision;
      try {
        decision = evaluateSituation(person.state, situation, {
          ruleSet: deps.ruleSet,
          reference: deps.reference,
          watchlist: deps.watchlist,
          links,
          ...(deps.exemptions && { exemptions: deps.exemptions }),
        });
      } catch (error) {
        if (error instanceof RuleError) {
          failures.push({ nik: person.state.nik, situation, error });
          continue;
        }
        throw error;
      }
      deps.onJudged?.(person.state.nik, situation, decision);
      if (person.fresh?.has(situation.trigger.eventId))
        requests.push(...companionRequests(person.state, situation, links));
      const change = changeFor(person.state, situation, decision);
      if (!change) continue;
      recordChange(person.state, change);
      changed.add(person.state.nik);
      alerts.push(
        alertOf(person.state, change, {
          ruleSetVersion: deps.ruleSet.version,
          procedureVersion: deps.ruleSet.procedures ?? null,
          triggerEventId: situation.trigger.eventId,
          alertTime,
          reference: deps.reference,
        }),
      );
      if (change.kind === 'NEW') {
        const write = alertLinkWrite(person.state, situation);
        if (write) alertLinks.push(write);
      }
    }
  }
  for (const person of people) {
    for (const eventId of cardsLearnt.get(person.state.nik) ?? [])
      requests.push(...lateFamilyRequests(person.state, eventId, shared));
  }
  if (alertLinks.length > 0) await deps.store.addLinks(alertLinks);
  return { alerts, failures, changed, requests };
}
