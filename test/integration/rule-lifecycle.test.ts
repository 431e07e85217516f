import './support/own-topics';
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { compileAvroType, createAvroDecoder, TOPICS, type Connections } from '@waspada/common';
import { loadLiveRuleSet, startShadowRun, type RiskProcessor } from '@waspada/risk-processor';
import { openRuleChangeLog, shadowDiff, shadowGroupOf, type RuleChangeLog } from '@waspada/risk-store';
import {
  DEFAULT_RULESET_FILE,
  liveRuleSet,
  RuleChangeRefused,
  sha256Hex,
  versionRuleSet,
  type StepRequest,
} from '@waspada/risk-rules';
import { CONTRACTS, type RiskAlert, type RuleChange } from '@waspada/schemas';
import { logger, testConnections, uniqueName, useTestKit, useOwnTopics } from './support/clients';
import {
  openAgencies,
  readWholeTopic,
  scamHubScan,
  startTestProcessor,
  uniqueInstance,
  waitCaughtUp,
  withOwnRedisDb,
} from './support/risk-pipeline';

/**
 * The rule-set lifecycle on the real stack: a version proposed on a rule-changes topic, refused
 * without a second approver, run in the shadow of the live rule set on the live stream, compared,
 * approved and put live. The topic, the shadow alerts topic and the Redis databases are the test's own.
 */
/** Bounds a hang only: the shared agency topics hold every suite's feeds, read from the start. */
const CATCH_UP_MS = 600_000;

// This file's processors read topics of their own, never what other files left (own-topics.ts).
useOwnTopics();

describe('rule-set lifecycle and shadow run', () => {
  const kit = useTestKit();
  const version = `2026.11.${randomInt(100, 1_000_000)}`;
  // The proposal: R02 (scam-hub destination) off, and two passport applications in 90 days enough for R05.
  const shipped = JSON.parse(readFileSync(DEFAULT_RULESET_FILE, 'utf8')) as {
    version: string;
    rules: { R02: { enabled: boolean }; R05: { params: { maxApplications: number } } };
  };
  const proposal = structuredClone(shipped);
  proposal.version = version;
  proposal.rules.R02.enabled = false;
  proposal.rules.R05.params.maxApplications = 1;
  const content = `${JSON.stringify(proposal, null, 2)}\n`;

  const ana = { id: 'analyst-local-01', roles: ['analyst'] };
  const dewi = { id: 'investigator-local-01', roles: ['investigator'] };
  const sari = { id: 'supervisor-local-01', roles: ['supervisor'] };
  const budi = { id: 'supervisor-local-02', roles: ['supervisor'] };

  let changesTopic: string;
  let log: RuleChangeLog;

  beforeAll(async () => {
    changesTopic = await kit().topic(1, 'rule-changes');
    log = await openRuleChangeLog(kit().kafka, kit().registry, { logger, topic: changesTopic });
  });
  afterAll(async () => {
    await log?.close();
  });

  const refusal = async (request: StepRequest): Promise<RuleChangeRefused> => {
    const before = (await kit().admin.topicOffsets(changesTopic))[0]?.high;
    const error = await log.take(request).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    if (!(error instanceof RuleChangeRefused)) throw new Error(`${request.step} was not refused`);
    // A refused step writes nothing.
    expect((await kit().admin.topicOffsets(changesTopic))[0]?.high).toBe(before);
    return error;
  };

  it('refuses to put a version live without a second approver, and puts it live after one', async () => {
    const proposed = await log.take({
      step: 'PROPOSED',
      content,
      actor: sari,
      comment: 'R02 off, R05 stricter',
    });
    expect(proposed.change).toMatchObject({ version, step: 'PROPOSED', contentSha256: sha256Hex(content) });

    expect((await refusal({ step: 'APPROVED', version, actor: sari })).code).toBe('WSP_RULES_SELF_APPROVAL');
    expect((await refusal({ step: 'APPROVED', version, actor: ana })).code).toBe('WSP_RULES_NOT_SUPERVISOR');
    expect((await refusal({ step: 'APPROVED', version, actor: dewi })).code).toBe('WSP_RULES_NOT_SUPERVISOR');
    expect((await refusal({ step: 'LIVE', version, actor: budi })).code).toBe('WSP_RULES_WRONG_STATE');
    expect(
      (await refusal({ step: 'APPROVED', version, actor: budi, contentSha256: sha256Hex(`${content} `) }))
        .code,
    ).toBe('WSP_RULES_CONTENT_CHANGED');
    expect((await log.current()).versions.get(version)?.status).toBe('PROPOSED');

    const approved = await log.take({
      step: 'APPROVED',
      version,
      actor: budi,
      contentSha256: sha256Hex(content),
    });
    // A retried click is the same step: nothing more is written.
    const retried = await log.take({
      step: 'APPROVED',
      version,
      actor: budi,
      contentSha256: sha256Hex(content),
    });
    expect(retried).toEqual({ change: approved.change, duplicate: true });
    await log.take({ step: 'LIVE', version, actor: sari });
    expect((await refusal({ step: 'REJECTED', version, actor: budi, comment: 'too late' })).code).toBe(
      'WSP_RULES_WRONG_STATE',
    );

    // Every step is on the topic, once, keyed by version; a fresh reader folds the same state.
    const decode = createAvroDecoder<RuleChange>(
      kit().registry,
      compileAvroType(CONTRACTS.ruleChange.schema),
    );
    const records = await readWholeTopic(kit(), changesTopic);
    const steps = await Promise.all(records.map(async (record) => (await decode(record.value)).value));
    expect(records.map((record) => record.key?.toString())).toEqual([version, version, version]);
    expect(steps.map((step) => [step.step, step.actorId])).toEqual([
      ['PROPOSED', sari.id],
      ['APPROVED', budi.id],
      ['LIVE', sari.id],
    ]);
    expect(steps[0]?.content).toBe(content);
    const reader = await openRuleChangeLog(kit().kafka, kit().registry, { logger, topic: changesTopic });
    try {
      const fold = await reader.current();
      expect(fold.live).toBe(version);
      expect(liveRuleSet(fold)?.rules.R02.enabled).toBe(false);
    } finally {
      await reader.close();
    }
    // What a processor started with WASPADA_RULESET=live runs.
    const running = await loadLiveRuleSet(testConnections(), logger, changesTopic);
    expect(running.version).toBe(version);
    expect(running.rules.R05.params.maxApplications).toBe(1);
  });

  it('lets only one of two supervisors’ concurrent steps happen: putting live and rejecting', async () => {
    const raceVersion = `2026.09.${randomInt(100, 1_000_000)}`;
    const raceContent = content.replace(`"version": "${version}"`, `"version": "${raceVersion}"`);
    const other = await openRuleChangeLog(kit().kafka, kit().registry, { logger, topic: changesTopic });
    try {
      await log.take({ step: 'PROPOSED', content: raceContent, actor: ana });
      await log.take({ step: 'APPROVED', version: raceVersion, actor: budi });
      await other.current();
      const outcomes = await Promise.allSettled([
        log.take({ step: 'LIVE', version: raceVersion, actor: sari }),
        other.take({ step: 'REJECTED', version: raceVersion, actor: budi, comment: 'not yet' }),
      ]);
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      const refused = outcomes.find((outcome) => outcome.status === 'rejected');
      expect((refused as PromiseRejectedResult).reason).toMatchObject({ code: 'WSP_RULES_WRONG_STATE' });
      // Both readers fold the topic to the same state: the step that landed first.
      const [mine, theirs] = [
        (await log.current()).versions.get(raceVersion),
        (await other.current()).versions.get(raceVersion),
      ];
      expect(mine?.status).toBe(theirs?.status);
      expect(['LIVE', 'REJECTED']).toContain(mine?.status);
    } finally {
      await other.close();
    }
  });

  describe('shadow run of a proposed version', () => {
    const shadowVersion = `2026.12.${randomInt(100, 1_000_000)}`;
    const shadowContent = content.replace(`"version": "${version}"`, `"version": "${shadowVersion}"`);
    const liveGroup = uniqueName('rules-live');
    const liveInstance = uniqueInstance('rules-live');
    const shadowInstance = uniqueInstance('rules-shadow');
    const born = `${String(randomInt(1, 28)).padStart(2, '0')}${String(randomInt(1, 12)).padStart(2, '0')}9${randomInt(5, 10)}`;
    const nik = () => `320101${born}${String(randomInt(1, 10_000)).padStart(4, '0')}`;
    const scamHub = nik();
    let churn = nik();
    while (churn === scamHub) churn = nik();
    const niks = new Set([scamHub, churn]);
    let shadowTopic: string;
    let live: RiskProcessor | undefined;
    let shadow: RiskProcessor | undefined;
    let startedAt: number;

    beforeAll(async () => {
      startedAt = Date.now();
      shadowTopic = await kit().topic(6, 'shadow-alerts');
      await log.take({ step: 'PROPOSED', content: shadowContent, actor: ana });
      const state = (await log.current()).versions.get(shadowVersion);
      if (!state) throw new Error('the proposal is not in the fold');
      const liveConnections: Connections = await withOwnRedisDb(testConnections(), 12);
      const shadowRedis = (await withOwnRedisDb(testConnections(), 15)).redisUrl;

      const agencies = await openAgencies(liveConnections);
      const day = 86_400_000;
      const application = (days: number, id: string) => ({
        agency: 'passport' as const,
        eventTime: Date.now() - days * day,
        record: {
          nik: churn,
          eventTime: Date.now() - days * day,
          eventType: 'APPLICATION_SUBMITTED',
          applicationId: `KANIM-BDG-${id}-${churn.slice(-4)}`,
          officeCode: 'KANIM-BANDUNG',
          officeRegencyCode: '3273',
          fullName: 'Dedi Kurniawan',
          birthDate: `19${born.slice(4, 6)}-${born.slice(2, 4)}-${born.slice(0, 2)}`,
          sex: 'MALE',
          declaredPurpose: 'TOURISM',
          destinationCountry: 'JP',
          passportNumber: null,
          decisionReason: null,
        },
      });
      try {
        await agencies.submit([
          scamHubScan(scamHub, {
            checkpointCode: 'CGK',
            counterId: 'CGK-T3-02',
            fullName: 'Rudi Hartono',
            birthDate: `19${born.slice(4, 6)}-${born.slice(2, 4)}-${born.slice(0, 2)}`,
          }),
          application(40, 'A'),
          application(10, 'B'),
        ]);
      } finally {
        await agencies.close();
      }
      live = await startTestProcessor(liveConnections, liveGroup, liveInstance);
      shadow = await startShadowRun(
        {
          connections: liveConnections,
          shadowRedisUrl: shadowRedis,
          ruleSet: versionRuleSet(state),
          instanceId: shadowInstance,
          host: '127.0.0.1',
          port: 0,
          lateAlertWindowMs: 6 * 3_600_000,
          windowMs: 25,
          alertsTopic: shadowTopic,
          liveGroupId: liveGroup,
        },
        logger,
      );
      // Both read every agency record on the shared topics from the start: other suites' feeds too.
      await waitCaughtUp(kit().admin, liveGroup, CATCH_UP_MS);
      await waitCaughtUp(kit().admin, shadowGroupOf(shadowVersion), CATCH_UP_MS);
    }, CATCH_UP_MS * 2);

    afterAll(async () => {
      await Promise.allSettled([live?.close(), shadow?.close()]);
    });

    const decodeAlerts = async (topic: string) => {
      const decode = createAvroDecoder<RiskAlert>(kit().registry, compileAvroType(CONTRACTS.alert.schema));
      const out: { alert: RiskAlert; decidedBy: string }[] = [];
      for (const record of await readWholeTopic(kit(), topic)) {
        try {
          const { value } = await decode(record.value);
          out.push({ alert: value, decidedBy: record.headers['waspada-decided-by']?.toString() ?? '' });
        } catch {
          // Another contract on the desk topic is not an alert of this test.
        }
      }
      return out;
    };

    it(
      'publishes the shadow alerts on the shadow topic only, never on the alerts or desk topic',
      async () => {
        const onShadow = (await decodeAlerts(shadowTopic)).filter((entry) =>
          niks.has(entry.alert.person.nik),
        );
        expect(onShadow.length).toBeGreaterThan(0);
        for (const entry of onShadow) {
          expect(entry.alert.ruleSetVersion).toBe(shadowVersion);
          expect(entry.decidedBy).toContain(shadowInstance);
        }
        for (const topic of [TOPICS.alerts, TOPICS.deskAlerts]) {
          const leaked = (await decodeAlerts(topic)).filter(
            (entry) =>
              entry.alert.ruleSetVersion === shadowVersion || entry.decidedBy.includes(shadowInstance),
          );
          expect(leaked).toEqual([]);
        }
      },
      CATCH_UP_MS,
    );

    // ORIGIN is the score for a high-risk origin region (West Java), which never fires alone.
    it(
      'lists exactly the alerts only the proposed version raises and the ones it drops',
      async () => {
        const diff = await shadowDiff(kit().kafka, kit().registry, {
          version: shadowVersion,
          from: startedAt - 60 * 86_400_000,
          to: Date.now() + 60_000,
          shadowTopic,
          niks,
        });
        expect(diff.dropped.map((entry) => [entry.nik, entry.rules])).toEqual([[scamHub, ['R02', 'ORIGIN']]]);
        expect(diff.onlyNew.map((entry) => [entry.nik, entry.rules])).toEqual([[churn, ['R05', 'ORIGIN']]]);
        expect(diff.severityChanged).toEqual([]);
        expect(diff.liveVersions).toEqual([shipped.version]);
        expect(diff.shadowBehind).not.toBeNull();
      },
      CATCH_UP_MS,
    );
  });
});
