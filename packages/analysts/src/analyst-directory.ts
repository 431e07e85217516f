import { createHash, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { ANALYST_ROLES, type AnalystRole } from './roles';
import { openConfigFile, secretReader } from '@waspada/common';

/**
 * Who may use the analyst pages and APIs, from one JSON file (WASPADA_ANALYSTS_FILE) validated
 * once at start (by the dashboard, which authenticates against it, and by the rules command, which
 * names the actor of each rule-set step from it), the way desks are configured for the notifier: each analyst has an id, roles,
 * and a Bearer token read from a file (relative to the config file) or an environment variable,
 * never from the config itself, so the file can be reviewed while tokens stay in the secret store.
 *
 *   [{ "id": "analyst-jabar-01", "roles": ["analyst"], "tokenFile": "../secrets/analyst-jabar-01.token" }]
 */

export interface Analyst {
  readonly id: string;
  readonly roles: readonly AnalystRole[];
  /** The Kemendagri regency code (4 digits) of a regency account. */
  readonly regencyCode?: string;
}

export interface AnalystDirectory {
  readonly file: string;
  readonly analysts: readonly Analyst[];
  /** Token files named by the config, resolved, for `init-secrets` to create the missing ones. */
  readonly tokenFiles: readonly string[];
  /** The analyst holding this token, compared in constant time against every analyst. */
  authenticate(token: string | undefined): Analyst | undefined;
}

/** The local pipeline's analysts, one per role (two supervisors: approval needs a second person). */
export const LOCAL_ANALYSTS_FILE = join(__dirname, '..', 'config', 'analysts.local.json');

const analystSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes, 2 to 63 characters'),
    roles: z
      .array(z.enum(ANALYST_ROLES))
      .min(1, 'at least one role: analyst, investigator, supervisor or regency')
      .refine((roles) => new Set(roles).size === roles.length, 'a role is listed twice'),
    regencyCode: z
      .string()
      .regex(/^\d{4}$/, 'a Kemendagri regency code: 4 digits, such as 3201 for Kabupaten Bogor')
      .optional(),
    tokenFile: z.string().min(1).optional(),
    tokenEnv: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]*$/, 'an environment variable name such as WASPADA_ANALYST_TOKEN')
      .optional(),
  })
  .strict()
  .refine((entry) => (entry.tokenFile === undefined) !== (entry.tokenEnv === undefined), {
    message:
      'give exactly one of "tokenFile" (a path relative to this config file) or "tokenEnv" (a variable name)',
  })
  // A regency account reaches one regency's cases; a national role with it would reach every person.
  .refine((entry) => !entry.roles.includes('regency') || entry.regencyCode !== undefined, {
    message: 'a regency account needs "regencyCode", the regency whose cases it follows up',
    path: ['regencyCode'],
  })
  .refine((entry) => !entry.roles.includes('regency') || entry.roles.length === 1, {
    message: 'the regency role stands alone: another role would let the account past its regency',
    path: ['roles'],
  })
  .refine((entry) => entry.regencyCode === undefined || entry.roles.includes('regency'), {
    message: 'only a regency account has a regencyCode',
    path: ['regencyCode'],
  });

const fileSchema = z.array(analystSchema);

const hashToken = (token: string) => createHash('sha256').update(token).digest();

interface Entry extends Analyst {
  /** SHA-256 of the token: equal lengths for timingSafeEqual, and no token kept in memory. */
  readonly tokenHash: Buffer;
}

/**
 * Reads and checks the file; every problem is reported at once, each with its path in the file
 * (`2.roles.0: ...`). With `readSecrets: false` only the file's shape is checked, for creating
 * missing token files.
 */
export function loadAnalysts(
  file: string,
  env: NodeJS.ProcessEnv = {},
  options: { readSecrets?: boolean } = {},
): AnalystDirectory {
  const readSecrets = options.readSecrets ?? true;
  const { data, problems, done } = openConfigFile(file, fileSchema, {
    what: 'analysts file',
    setting: 'WASPADA_ANALYSTS_FILE',
  });
  const tokens = secretReader({ configFile: file, env, readSecrets, noun: 'token', problems });
  const tokenOf = (entry: (typeof data)[number], where: string): string =>
    tokens.read(
      {
        ...(entry.tokenFile !== undefined && { file: entry.tokenFile }),
        ...(entry.tokenEnv !== undefined && { env: entry.tokenEnv }),
      },
      { file: `${where}.tokenFile`, env: `${where}.tokenEnv` },
    );

  const ids = new Set<string>();
  const hashes = new Map<string, string>();
  const entries: Entry[] = data.map((entry, index) => {
    if (ids.has(entry.id)) problems.push(`${index}.id: ${entry.id} is listed twice`);
    ids.add(entry.id);
    const token = tokenOf(entry, String(index));
    const tokenHash = hashToken(token);
    if (readSecrets && token !== '') {
      const holder = hashes.get(tokenHash.toString('hex'));
      // Two analysts with one token could not be told apart in the access trail.
      if (holder) problems.push(`${index}: has the same token as ${holder}; every analyst needs their own`);
      hashes.set(tokenHash.toString('hex'), entry.id);
    }
    return Object.freeze({
      id: entry.id,
      roles: Object.freeze([...entry.roles]),
      ...(entry.regencyCode !== undefined && { regencyCode: entry.regencyCode }),
      tokenHash,
    });
  });
  done();

  const analysts = Object.freeze(
    entries.map(({ tokenHash: _tokenHash, ...analyst }) => Object.freeze(analyst)),
  );
  return Object.freeze({
    file,
    analysts,
    tokenFiles: Object.freeze(tokens.files),
    authenticate(token: string | undefined): Analyst | undefined {
      const hash = token ? hashToken(token) : undefined;
      // Every entry is compared, each in constant time, so timing tells nothing about which matched.
      let match: Analyst | undefined;
      entries.forEach((entry, index) => {
        if (hash && timingSafeEqual(hash, entry.tokenHash) && !match) match = analysts[index];
      });
      return match;
    },
  });
}

/** Only investigators see full NIKs; analysts and supervisors see them masked. */
export function mayUnmaskNik(analyst: Analyst): boolean {
  return analyst.roles.includes('investigator');
}
