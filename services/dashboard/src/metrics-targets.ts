import { z } from 'zod';

export interface MetricsTarget {
  /** How the page names the service. */
  readonly name: string;
  /** Base URL of its ops port, which serves /health/ready and /metrics. */
  readonly url: string;
}

/** The local pipeline's services on their default ports. */
export const DEFAULT_METRICS_TARGETS = [
  'passport-producer=http://127.0.0.1:18101',
  'border-crossing-producer=http://127.0.0.1:18102',
  'placement-producer=http://127.0.0.1:18103',
  'identity-producer=http://127.0.0.1:18104',
  'citizen-abroad-producer=http://127.0.0.1:18105',
  'watchlist-producer=http://127.0.0.1:18106',
  'risk-processor=http://127.0.0.1:18120',
  'rule-job-worker=http://127.0.0.1:18121',
  'notifier=http://127.0.0.1:18130',
].join(',');

const NAME = /^[A-Za-z0-9._-]+$/;
const URL_PATTERN = /^https?:\/\/[^\s/]+(\/[^\s]*)?$/;

/**
 * Reads `name=url,name=url`. Every malformed entry is reported with its position, so one setting
 * error names all the fixes at once.
 */
export function parseMetricsTargets(text: string): { targets: MetricsTarget[]; problems: string[] } {
  const targets: MetricsTarget[] = [];
  const problems: string[] = [];
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  entries.forEach((entry, index) => {
    const separator = entry.indexOf('=');
    const name = separator > 0 ? entry.slice(0, separator).trim() : '';
    const url = separator > 0 ? entry.slice(separator + 1).trim() : '';
    if (!NAME.test(name) || !URL_PATTERN.test(url)) {
      problems.push(
        `entry ${index + 1} "${entry}" is not name=http://host:port (name: letters, digits, dot, dash, underscore)`,
      );
      return;
    }
    if (targets.some((target) => target.name === name)) {
      problems.push(`entry ${index + 1}: the name ${name} is used twice`);
      return;
    }
    targets.push({ name, url: url.replace(/\/+$/, '') });
  });
  if (entries.length === 0) problems.push('expected at least one name=url');
  return { targets, problems };
}

/** The zod setting: a list of targets, or one issue per malformed entry. */
export const metricsTargetsSetting = z
  .string()
  .default(DEFAULT_METRICS_TARGETS)
  .transform((text, ctx) => {
    const { targets, problems } = parseMetricsTargets(text);
    for (const problem of problems) ctx.addIssue({ code: 'custom', message: problem });
    return targets;
  });
