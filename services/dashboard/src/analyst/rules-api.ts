import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { maskNik } from '@waspada/common';
import type { RuleChangeLog, ShadowDiffReport } from '@waspada/risk-store';
import {
  loadProcedureTable,
  RuleChangeRefused,
  ruleSetChanges,
  ruleSetProblems,
  sha256Hex,
  type RuleSetProblem,
  type AlertSide,
  type RuleChangeRefusalCode,
  type RuleSetVersionState,
  type StepDecision,
  type StepRequest,
} from '@waspada/risk-rules';
import { mayUnmaskNik, type AnalystDirectory } from '@waspada/analysts';
import { analystGuard, requireAnalyst } from '../analyst-auth';

export interface RulesApiDeps {
  readonly analysts: AnalystDirectory;
  /** The rule-changes topic (the same module the processor's `rules` command uses). */
  readonly log: RuleChangeLog;
  /** The shadow run's difference from the live alerts, for situations in [from, to). */
  readonly diff: (version: string, from: number, to: number) => Promise<ShadowDiffReport>;
  readonly clock: () => number;
  /**
   * The rule-set file the processors run when no version was put live on the topic (their
   * default, WASPADA_RULESET=file): what an edit starts from until a version goes live.
   */
  readonly fileRuleSet: string;
  /** Each country group a rule may name, with its ISO codes, for the editor to show. */
  readonly countryGroups: Readonly<Record<string, readonly string[]>>;
}

const VERSION = /^\d{4}\.\d{2}\.\d+$/;
const DAY_MS = 86_400_000;
/** The longest period a difference reads: it reads two topics from the first alert of the period. */
const MAX_DIFF_DAYS = 90;

/** Which refusal is which HTTP status: a bad request, an unknown version, or a step the state forbids. */
const STATUS_OF: Record<RuleChangeRefusalCode, number> = {
  WSP_RULES_INVALID_CONTENT: 400,
  WSP_RULES_REASON_REQUIRED: 400,
  WSP_RULES_BAD_ACTOR: 403,
  WSP_RULES_NOT_SUPERVISOR: 403,
  WSP_RULES_SELF_APPROVAL: 409,
  WSP_RULES_UNKNOWN_VERSION: 404,
  WSP_RULES_VERSION_TAKEN: 409,
  WSP_RULES_WRONG_STATE: 409,
  WSP_RULES_CONTENT_CHANGED: 409,
};

const proposeBody = z
  .object({
    /** The rule-set file's text as reviewed: its hash is what approval and going live are checked against. */
    content: z.string().min(2).max(1_000_000),
    comment: z.string().max(2_000).optional(),
  })
  .strict();
const validateBody = z
  .object({
    /** The rule-set file's text as it would be proposed. */
    content: z.string().max(1_000_000),
    /** The language of the schema's messages: the page's (Bahasa Indonesia unless switched). */
    language: z.enum(['id', 'en']).optional(),
  })
  .strict();
const stepBody = z
  .object({
    /** The hash of the content the reviewer saw; a page always sends it, so nothing unseen is approved. */
    contentSha256: z.string().regex(/^[0-9a-f]{64}$/, 'the hex SHA-256 of the content reviewed'),
    comment: z.string().max(2_000).optional(),
  })
  .strict();

const versionSummary = (state: RuleSetVersionState) => ({
  version: state.version,
  status: state.status,
  contentSha256: state.contentSha256,
  proposedBy: state.proposedBy,
  steps: state.steps.map((step) => ({
    changeId: step.changeId,
    step: step.step,
    actorId: step.actorId,
    actorRoles: step.actorRoles,
    stepTime: new Date(step.stepTime).toISOString(),
    comment: step.comment,
  })),
});

const problemsOf = (error: z.ZodError) =>
  error.issues.map((issue) => ({ field: issue.path.join('.') || '(body)', reason: issue.message }));

/**
 * The rule-set lifecycle for analysts and supervisors:
 *
 *   GET  /analyst/rules                                 the page: versions, their steps, the shadow difference
 *   GET  /api/analyst/rulesets                          every version's state and steps, and the live version
 *   GET  /api/analyst/rulesets/:version                 one version with its content
 *   GET  /api/analyst/rulesets/:version/diff?from=&to=  its shadow run against the live alerts
 *   GET  /api/analyst/rulesets/live                     the live version with its content: what an edit starts from
 *   POST /api/analyst/rulesets/validate                 { content }: its problems by path and its changes from live
 *   POST /api/analyst/rulesets                          propose { content, comment }        (any analyst role)
 *   POST /api/analyst/rulesets/:version/approve         { contentSha256, comment }          (supervisors)
 *   POST /api/analyst/rulesets/:version/reject          { contentSha256, comment: reason }  (supervisors)
 *   POST /api/analyst/rulesets/:version/live            { contentSha256 }                   (supervisors)
 *   GET  /api/procedures/:version                       a desk procedure table (no personal data; the desk page reads it)
 *
 * A step the lifecycle refuses answers 400/403/404/409 with the code and the reason, and writes
 * nothing; a step already taken answers 200 with `duplicate: true`, a new one 201.
 */
export function registerRulesApi(app: FastifyInstance, deps: RulesApiDeps): void {
  const anyAnalyst = analystGuard(deps.analysts);
  const supervisors = analystGuard(deps.analysts, ['supervisor']);

  app.get('/analyst/rules', (_request, reply) => reply.sendFile('analyst-rules.html'));

  app.get('/api/procedures/:version', async (request, reply) => {
    const { version } = request.params as { version: string };
    if (!VERSION.test(version))
      return reply.code(400).send({ error: `version: ${version} is not like 2026.11.1` });
    try {
      return loadProcedureTable(version);
    } catch (error) {
      return reply.code(404).send({ error: (error as Error).message });
    }
  });

  app.get('/api/analyst/rulesets', { preHandler: anyAnalyst }, async () => {
    const fold = await deps.log.current();
    return {
      live: fold.live ?? null,
      versions: [...fold.versions.values()].map(versionSummary).reverse(),
    };
  });

  /** The live version's content, or the file the processors run when none was put live here. */
  const liveRuleSet = async () => {
    const fold = await deps.log.current();
    const state = fold.live === undefined ? undefined : fold.versions.get(fold.live);
    if (state === undefined) {
      const content = deps.fileRuleSet;
      const { version } = JSON.parse(content) as { version: string };
      return { source: 'file' as const, version, contentSha256: sha256Hex(content), content, live: null };
    }
    const wentLive = state.steps.findLast((step) => step.step === 'LIVE');
    return {
      source: 'lifecycle' as const,
      version: state.version,
      contentSha256: state.contentSha256,
      content: state.content,
      live: wentLive
        ? { at: new Date(wentLive.stepTime).toISOString(), by: wentLive.actorId, comment: wentLive.comment }
        : null,
    };
  };

  app.get('/api/analyst/rulesets/live', { preHandler: anyAnalyst }, async () => ({
    ...(await liveRuleSet()),
    countryGroups: deps.countryGroups,
  }));

  app.post('/api/analyst/rulesets/validate', { preHandler: anyAnalyst }, async (request, reply) => {
    const body = validateBody.safeParse(request.body);
    if (!body.success)
      return reply.code(400).send({ error: 'invalid validation request', errors: problemsOf(body.error) });
    const live = await liveRuleSet();
    let proposed: unknown;
    try {
      proposed = JSON.parse(body.data.content);
    } catch (error) {
      const problem = { path: '', message: `not JSON: ${(error as Error).message}` };
      return { valid: false, against: live.version, problems: [problem], changes: [] };
    }
    const problems: RuleSetProblem[] = ruleSetProblems(proposed, body.data.language);
    const { version } = (proposed ?? {}) as { version?: unknown };
    if (typeof version === 'string' && (await deps.log.current()).versions.has(version))
      problems.push({ path: 'version', message: `version ${version} was already proposed: give a new one` });
    else if (version === live.version)
      problems.push({ path: 'version', message: `version ${version} is the live one: give a new one` });
    return {
      valid: problems.length === 0,
      against: live.version,
      problems,
      changes: ruleSetChanges(JSON.parse(live.content), proposed),
    };
  });

  app.get('/api/analyst/rulesets/:version', { preHandler: anyAnalyst }, async (request, reply) => {
    const { version } = request.params as { version: string };
    const state = (await deps.log.current()).versions.get(version);
    if (!state) return reply.code(404).send({ error: `version ${version} was never proposed` });
    return { ...versionSummary(state), content: state.content };
  });

  app.get('/api/analyst/rulesets/:version/diff', { preHandler: anyAnalyst }, async (request, reply) => {
    const analyst = requireAnalyst(request);
    const { version } = request.params as { version: string };
    const query = request.query as { from?: string; to?: string };
    if (!(await deps.log.current()).versions.has(version))
      return reply.code(404).send({ error: `version ${version} was never proposed` });
    const to = query.to === undefined ? deps.clock() + 60_000 : Date.parse(query.to);
    const from = query.from === undefined ? to - 7 * DAY_MS : Date.parse(query.from);
    if (Number.isNaN(from) || Number.isNaN(to) || from >= to)
      return reply.code(400).send({ error: 'from and to: ISO 8601 times, from before to' });
    if (to - from > MAX_DIFF_DAYS * DAY_MS)
      return reply.code(400).send({ error: `from and to: at most ${MAX_DIFF_DAYS} days apart` });
    const report = await deps.diff(version, from, to);
    // A difference lists many people at once: NIKs masked unless the analyst's role allows them.
    const show = (side: AlertSide) => ({
      ...side,
      nik: mayUnmaskNik(analyst) ? side.nik : maskNik(side.nik),
    });
    return {
      ...report,
      from: new Date(report.from).toISOString(),
      to: new Date(report.to).toISOString(),
      onlyNew: report.onlyNew.map(show),
      dropped: report.dropped.map(show),
      severityChanged: report.severityChanged.map((change) => ({
        live: show(change.live),
        shadow: show(change.shadow),
      })),
    };
  });

  const answer = async (reply: FastifyReply, step: () => Promise<StepDecision>) => {
    try {
      const decision = await step();
      const { change } = decision;
      return await reply.code(decision.duplicate ? 200 : 201).send({
        duplicate: decision.duplicate,
        change: { ...change, content: undefined, stepTime: new Date(change.stepTime).toISOString() },
      });
    } catch (error) {
      if (error instanceof RuleChangeRefused)
        return reply.code(STATUS_OF[error.code]).send({ error: error.message, code: error.code });
      throw error;
    }
  };

  app.post('/api/analyst/rulesets', { preHandler: anyAnalyst }, async (request, reply) => {
    const analyst = requireAnalyst(request);
    const body = proposeBody.safeParse(request.body);
    if (!body.success)
      return reply.code(400).send({ error: 'invalid proposal', errors: problemsOf(body.error) });
    return answer(reply, () =>
      deps.log.take({
        step: 'PROPOSED',
        content: body.data.content,
        actor: analyst,
        ...(body.data.comment !== undefined && { comment: body.data.comment }),
      }),
    );
  });

  const steps = { approve: 'APPROVED', reject: 'REJECTED', live: 'LIVE' } as const;
  for (const [path, step] of Object.entries(steps)) {
    app.post(
      `/api/analyst/rulesets/:version/${path}`,
      { preHandler: supervisors },
      async (request, reply) => {
        const analyst = requireAnalyst(request);
        const { version } = request.params as { version: string };
        const body = stepBody.safeParse(request.body);
        if (!body.success)
          return reply.code(400).send({ error: `invalid ${path}`, errors: problemsOf(body.error) });
        const stepRequest: StepRequest = {
          step,
          version,
          actor: analyst,
          contentSha256: body.data.contentSha256,
          ...(body.data.comment !== undefined && { comment: body.data.comment }),
        };
        return answer(reply, () => deps.log.take(stepRequest));
      },
    );
  }
}
