import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { z } from 'zod';
import { WaspadaError } from '../errors';

/** Secrets and tokens named in a configuration file are at least this long. */
export const MIN_SECRET_LENGTH = 24;

/**
 * A JSON configuration file (desks and subscribers, analysts...), read and checked as a whole: its
 * problems are reported at once, each with its path in the file, and the caller adds its own
 * (unknown checkpoints, duplicate ids) to `problems` before `done()`.
 */
export function openConfigFile<S extends z.ZodType>(
  file: string,
  schema: S,
  describe: { readonly what: string; readonly setting: string },
) {
  const fail = (problems: readonly string[]): never => {
    throw new WaspadaError(
      'WSP_CONFIG_INVALID',
      `${describe.what} ${file} is not valid, fix it:\n  - ${problems.join('\n  - ')}`,
    );
  };
  if (!existsSync(file)) fail([`the file does not exist (set ${describe.setting} to the ${describe.what})`]);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    fail([`not JSON: ${(error as Error).message}`]);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    fail(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`));
  const problems: string[] = [];
  return {
    data: (parsed as { data: z.infer<S> }).data,
    problems,
    /** Throws with every problem found, if any. */
    done: (): void => {
      if (problems.length > 0) fail(problems);
    },
  };
}

/**
 * Secrets a configuration file names but never holds: a file (relative to the configuration file)
 * or an environment variable. Problems go to the list with the entry's path; with `readSecrets:
 * false` only the files are collected, for the commands that create missing ones.
 */
export function secretReader(options: {
  readonly configFile: string;
  readonly env: NodeJS.ProcessEnv;
  readonly readSecrets: boolean;
  /** What the value is called in messages: secret, token. */
  readonly noun: string;
  readonly problems: string[];
}) {
  const base = dirname(resolve(options.configFile));
  const files: string[] = [];
  const short = `shorter than ${MIN_SECRET_LENGTH} characters`;
  return {
    files,
    /** `where` names the two keys in the file, e.g. `subscribers.0.secret.file` and `...env`. */
    read: (
      source: { readonly file?: string; readonly env?: string },
      where: { file: string; env: string },
    ) => {
      if (source.file !== undefined) {
        const path = isAbsolute(source.file) ? source.file : resolve(base, source.file);
        files.push(path);
        if (!options.readSecrets) return '';
        if (!existsSync(path) || !statSync(path).isFile()) {
          options.problems.push(`${where.file}: ${path} does not exist or is not a file`);
          return '';
        }
        const value = readFileSync(path, 'utf8').trim();
        if (value.length < MIN_SECRET_LENGTH)
          options.problems.push(`${where.file}: the ${options.noun} in ${path} is ${short}`);
        return value;
      }
      if (!options.readSecrets) return '';
      const value = options.env[source.env as string]?.trim() ?? '';
      if (value.length < MIN_SECRET_LENGTH)
        options.problems.push(`${where.env}: ${source.env} is unset or ${short}`);
      return value;
    },
  };
}
