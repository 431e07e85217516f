import type { z } from 'zod';
import { WaspadaError } from '../errors';

/** Environment variables that belong to Waspada; an unknown one among them is a typo to report. */
const OWN_PREFIXES = ['WASPADA_', 'KAFKA_', 'SCHEMA_REGISTRY_', 'REDIS_'] as const;

export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

export function deepFreeze<T>(value: T): DeepReadonly<T> {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value as DeepReadonly<T>;
}

/**
 * Parses configuration from environment variables once, at start. The schema is keyed by variable
 * name; every problem is reported at once, each naming the variable and what to set it to. A
 * variable with one of Waspada's prefixes that no schema knows is refused, because a misspelt
 * setting silently falling back to its default is worse than a failed start.
 *
 * `knownElsewhere` lists variables that another part of the same process reads (for example the
 * stack's own settings in a service started by the launcher), so they are not reported.
 */
export function parseEnvConfig<S extends z.ZodObject>(
  schema: S,
  env: NodeJS.ProcessEnv,
  options: { service: string; knownElsewhere?: readonly string[] },
): DeepReadonly<z.infer<S>> {
  const known = new Set([...Object.keys(schema.shape), ...(options.knownElsewhere ?? [])]);
  const problems: string[] = [];
  const picked: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (known.has(name)) {
      if (value !== '') picked[name] = value;
    } else if (OWN_PREFIXES.some((prefix) => name.startsWith(prefix))) {
      const hint = closest(name, [...known]);
      problems.push(`${name}: not a setting of ${options.service}${hint ? ` (did you mean ${hint}?)` : ''}`);
    }
  }
  const result = schema.safeParse(picked);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const name = issue.path.join('.') || '(environment)';
      const got = typeof issue.path[0] === 'string' ? picked[issue.path[0]] : undefined;
      problems.push(
        `${name}: ${issue.message}${got === undefined ? '' : ` (got "${redactIfSecret(name, got)}")`}`,
      );
    }
  }
  if (problems.length > 0) {
    throw new WaspadaError(
      'WSP_CONFIG_INVALID',
      `${options.service} cannot start, fix its configuration:\n  - ${problems.join('\n  - ')}`,
    );
  }
  return deepFreeze((result as { data: z.infer<S> }).data);
}

/** A refused value is echoed to help the operator, except secrets and the credentials in a URL. */
function redactIfSecret(name: string, value: string): string {
  if (/PASSWORD|SECRET|TOKEN|KEY/i.test(name)) return '***';
  return value.replace(/\/\/([^/@\s]*)@/, '//***@');
}

/** The known name within edit distance 3, if any, to suggest for a typo. */
function closest(name: string, candidates: string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate);
    if (distance <= 3 && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
