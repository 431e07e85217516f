import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type AnalystDirectory } from '@waspada/analysts';
import { analystGuard } from '../analyst-auth';

/**
 * Backtest reports as the risk processor's `backtest` command writes them (`<id>.json` beside
 * `<id>.md`, format `waspada-backtest/1`), for the analyst page /analyst/backtests. Reports hold
 * counts and ratios only, no NIK and no name, so viewing one is not a personal-data access.
 */

/** The repository's `.waspada/backtests`, where the backtest command writes by default. */
export const DEFAULT_BACKTESTS_DIR = join(__dirname, '..', '..', '..', '..', '.waspada', 'backtests');

const REPORT_FORMAT = 'waspada-backtest/1';
/** Report ids are file names the command made: letters, digits, dot, dash, underscore. */
const REPORT_ID = /^[A-Za-z0-9._-]{1,200}$/;

interface Confusion {
  readonly precision: number | null;
  readonly recall: number | null;
}

/** The part of a report the list shows; the page reads the rest from the full report. */
interface ReportHead {
  readonly format: string;
  readonly id: string;
  readonly createdAt: string;
  readonly ruleSet: { readonly version: string };
  readonly period: { readonly from: string; readonly to: string };
  readonly input: { readonly records: number };
  readonly throughput: { readonly eventsPerSecond: number };
  readonly situations: { readonly judged: number; readonly alerted: number };
  readonly desk: { readonly labelled: number; readonly overall: Confusion };
  readonly groundTruth: { readonly labelled: number; readonly overall: Confusion } | null;
  readonly review: readonly { readonly ruleId: string }[];
}

export interface ReportSummary {
  readonly id: string;
  readonly createdAt: string;
  readonly ruleSetVersion: string;
  readonly from: string;
  readonly to: string;
  readonly records: number;
  readonly eventsPerSecond: number;
  readonly judged: number;
  readonly alerted: number;
  readonly desk: Confusion & { readonly labelled: number };
  readonly groundTruth: (Confusion & { readonly labelled: number }) | null;
  readonly review: readonly string[];
}

function isReportHead(value: unknown): value is ReportHead {
  const report = value as Partial<ReportHead> | null;
  return (
    typeof report === 'object' &&
    report !== null &&
    report.format === REPORT_FORMAT &&
    typeof report.id === 'string' &&
    typeof report.createdAt === 'string' &&
    typeof report.ruleSet?.version === 'string' &&
    typeof report.period?.from === 'string' &&
    typeof report.situations?.judged === 'number' &&
    typeof report.desk?.overall === 'object' &&
    Array.isArray(report.review)
  );
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * Every report in the directory, newest first. A file that is not a report of this format is
 * named in `skipped` with the reason, rather than failing the whole list.
 */
export function listBacktestReports(directory: string): {
  reports: ReportSummary[];
  skipped: { file: string; reason: string }[];
} {
  if (!existsSync(directory)) return { reports: [], skipped: [] };
  const reports: ReportSummary[] = [];
  const skipped: { file: string; reason: string }[] = [];
  for (const file of readdirSync(directory).filter((name) => name.endsWith('.json'))) {
    let report: unknown;
    try {
      report = readJson(join(directory, file));
    } catch (error) {
      skipped.push({ file, reason: `not JSON: ${(error as Error).message}` });
      continue;
    }
    if (!isReportHead(report)) {
      skipped.push({ file, reason: `not a backtest report of format ${REPORT_FORMAT}` });
      continue;
    }
    reports.push({
      id: report.id,
      createdAt: report.createdAt,
      ruleSetVersion: report.ruleSet.version,
      from: report.period.from,
      to: report.period.to,
      records: report.input.records,
      eventsPerSecond: report.throughput.eventsPerSecond,
      judged: report.situations.judged,
      alerted: report.situations.alerted,
      desk: { labelled: report.desk.labelled, ...report.desk.overall },
      groundTruth: report.groundTruth && {
        labelled: report.groundTruth.labelled,
        ...report.groundTruth.overall,
      },
      review: report.review.map((item) => item.ruleId),
    });
  }
  reports.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return { reports, skipped };
}

/** One whole report by id, or why not: an id that is not a report file name, or no such report. */
export function readBacktestReport(
  directory: string,
  id: string,
): { ok: true; report: unknown } | { ok: false; status: 400 | 404; error: string } {
  if (!REPORT_ID.test(id))
    return { ok: false, status: 400, error: 'id: letters, digits, dot, dash and underscore only' };
  const file = join(directory, `${id}.json`);
  if (!existsSync(file)) return { ok: false, status: 404, error: `no backtest report ${id}` };
  let report: unknown;
  try {
    report = readJson(file);
  } catch (error) {
    return { ok: false, status: 404, error: `${id}.json is not JSON: ${(error as Error).message}` };
  }
  if (!isReportHead(report))
    return {
      ok: false,
      status: 404,
      error: `${id}.json is not a backtest report of format ${REPORT_FORMAT}`,
    };
  return { ok: true, report };
}

/**
 *   GET /analyst/backtests                 the page: reports listed, one shown with its charts
 *   GET /api/analyst/backtests             every report, newest first, headline figures
 *   GET /api/analyst/backtests/:id         one report as the backtest command wrote it
 *
 * Any analyst role may read them (analyst-auth.ts).
 */
export function registerBacktestApi(
  app: FastifyInstance,
  deps: { readonly analysts: AnalystDirectory; readonly directory: string },
): void {
  const guard = analystGuard(deps.analysts);
  app.get('/analyst/backtests', (_request, reply) => reply.sendFile('analyst-backtests.html'));
  app.get('/api/analyst/backtests', { preHandler: guard }, async () => ({
    directory: deps.directory,
    ...listBacktestReports(deps.directory),
  }));
  app.get<{ Params: { id: string } }>(
    '/api/analyst/backtests/:id',
    { preHandler: guard },
    async (request, reply) => {
      const found = readBacktestReport(deps.directory, request.params.id);
      if (!found.ok) return reply.code(found.status).send({ error: found.error });
      return found.report;
    },
  );
}
