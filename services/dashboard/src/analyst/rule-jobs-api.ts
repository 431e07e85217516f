import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AnalystDirectory } from '@waspada/analysts';
import { ruleSetProblems, wantedShadow, type RuleJobState } from '@waspada/risk-rules';
import type { RuleChangeLog, RuleJobLog } from '@waspada/risk-store';
import { analystGuard, requireAnalyst } from '../analyst-auth';

export interface RuleJobsApiDeps {
  readonly analysts: AnalystDirectory;
  readonly jobs: RuleJobLog;
  readonly ruleChanges: RuleChangeLog;
}

const DAY_MS = 86_400_000;
/** The longest period a backtest from the page judges: a year of history, as the CLI would. */
const MAX_PERIOD_DAYS = 366;
/** How many jobs the list shows, newest first. */
const LIST_LIMIT = 50;

const isoTime = z.iso.datetime({ offset: true, message: 'an ISO time such as 2026-11-01T00:00:00Z' });
const requestBody = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('BACKTEST'),
      /** A proposed version, or the draft's version when content is given. */
      version: z
        .string()
        .regex(/^\d{4}\.\d{2}\.\d+$/, 'a rule-set version such as 2026.12.3')
        .optional(),
      /** A draft's rule-set JSON, backtested before it is proposed. */
      content: z.string().min(2).max(1_000_000).optional(),
      from: isoTime,
      to: isoTime,
    })
    .strict(),
  z
    .object({
      kind: z.literal('SHADOW_START'),
      version: z.string().regex(/^\d{4}\.\d{2}\.\d+$/, 'a rule-set version such as 2026.12.3'),
    })
    .strict(),
  z.object({ kind: z.literal('SHADOW_STOP') }).strict(),
]);
type RequestBody = z.infer<typeof requestBody>;

/** What the pages see of a job: its state without the draft's content. */
function view(job: RuleJobState) {
  const time = (value: number | null) => (value === null ? null : new Date(value).toISOString());
  return {
    jobId: job.jobId,
    kind: job.kind,
    status: job.status,
    requestedBy: job.requestedBy,
    requestedAt: time(job.requestedAt),
    ruleSetVersion: job.ruleSetVersion,
    draft: job.ruleSetContent !== null,
    from: time(job.periodFrom),
    to: time(job.periodTo),
    attempts: job.attempts,
    startedAt: time(job.startedAt),
    endedAt: time(job.endedAt),
    progress: job.progress,
    reportId: job.reportId,
    error: job.error,
  };
}

/**
 * Checks a request against the rule sets as they are now: what it names exists and may run.
 * Returns the problem by field, or the details the request event carries.
 */
async function checkRequest(
  body: RequestBody,
  ruleChanges: RuleChangeLog,
): Promise<
  | { ok: false; field: string; reason: string }
  | {
      ok: true;
      details: { ruleSetVersion?: string; ruleSetContent?: string; periodFrom?: number; periodTo?: number };
    }
> {
  if (body.kind === 'SHADOW_STOP') return { ok: true, details: {} };
  const versions = (await ruleChanges.current()).versions;
  if (body.kind === 'SHADOW_START') {
    const state = versions.get(body.version);
    if (!state) return { ok: false, field: 'version', reason: `version ${body.version} was never proposed` };
    // A shadow runs on the live stream for days: only a version under review is worth that.
    if (state.status !== 'PROPOSED' && state.status !== 'APPROVED')
      return {
        ok: false,
        field: 'version',
        reason: `version ${body.version} is ${state.status.toLowerCase()}: a shadow runs a proposed or approved version`,
      };
    return { ok: true, details: { ruleSetVersion: body.version } };
  }
  const from = Date.parse(body.from);
  const to = Date.parse(body.to);
  if (from >= to)
    return { ok: false, field: 'to', reason: 'the end of the period must come after its start' };
  if (to - from > MAX_PERIOD_DAYS * DAY_MS)
    return { ok: false, field: 'to', reason: `a period of at most ${MAX_PERIOD_DAYS} days` };
  const period = { periodFrom: from, periodTo: to };
  if (body.content !== undefined) {
    let draft: unknown;
    try {
      draft = JSON.parse(body.content);
    } catch (error) {
      return { ok: false, field: 'content', reason: `not JSON: ${(error as Error).message}` };
    }
    const [problem] = ruleSetProblems(draft);
    if (problem) return { ok: false, field: `content.${problem.path}`, reason: problem.message };
    const { version } = draft as { version: string };
    return { ok: true, details: { ...period, ruleSetVersion: version, ruleSetContent: body.content } };
  }
  if (body.version === undefined)
    return { ok: false, field: 'version', reason: 'give a proposed version, or a draft as content' };
  if (!versions.has(body.version))
    return { ok: false, field: 'version', reason: `version ${body.version} was never proposed` };
  return { ok: true, details: { ...period, ruleSetVersion: body.version } };
}

/**
 * Backtests and shadow runs from the browser; the risk processor's job worker runs them:
 *
 *   POST /api/analyst/rule-jobs       { kind: BACKTEST, version | content, from, to }
 *                                     { kind: SHADOW_START, version } | { kind: SHADOW_STOP }
 *                                     202 with the job as requested; 400 names the field
 *   GET  /api/analyst/rule-jobs       the newest jobs and the shadow wanted now
 *   GET  /api/analyst/rule-jobs/:id   one job: status, progress, report id or error
 *
 * Any analyst with national scope may start one (rule sets are national). Jobs touch no person's
 * data and their answers hold none; the request names its analyst on the topic.
 */
export function registerRuleJobsApi(app: FastifyInstance, deps: RuleJobsApiDeps): void {
  const national = analystGuard(deps.analysts);

  app.post('/api/analyst/rule-jobs', { preHandler: national }, async (request, reply) => {
    const analyst = requireAnalyst(request);
    const body = requestBody.safeParse(request.body);
    if (!body.success)
      return reply.code(400).send({
        error: 'invalid rule job',
        errors: body.error.issues.map((issue) => ({
          field: issue.path.join('.') || '(body)',
          reason: issue.message,
        })),
      });
    const checked = await checkRequest(body.data, deps.ruleChanges);
    if (!checked.ok)
      return reply
        .code(400)
        .send({ error: 'invalid rule job', errors: [{ field: checked.field, reason: checked.reason }] });
    const jobId = randomUUID();
    const fold = await deps.jobs.record(
      { jobId, kind: body.data.kind, step: 'REQUESTED', actorId: analyst.id },
      checked.details,
    );
    const job = fold.jobs.get(jobId);
    if (!job) throw new Error(`job ${jobId} was written but is not in the fold`);
    return reply.code(202).send(view(job));
  });

  app.get('/api/analyst/rule-jobs', { preHandler: national }, async () => {
    const fold = await deps.jobs.current();
    const jobs = [...fold.jobs.values()].reverse().slice(0, LIST_LIMIT);
    return { jobs: jobs.map(view), shadow: wantedShadow(fold)?.ruleSetVersion ?? null };
  });

  app.get('/api/analyst/rule-jobs/:id', { preHandler: national }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const job = (await deps.jobs.current()).jobs.get(id);
    if (!job) return reply.code(404).send({ error: `no rule job ${id}` });
    return view(job);
  });
}
