import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { MIN_SECRET_LENGTH, openConfigFile, secretReader } from '@waspada/common';
import { referenceData } from '@waspada/domain';
import { LANGUAGES } from '@waspada/messages';
import { SEVERITY_ORDER } from '@waspada/risk-rules';
import { SIGNING_SCHEMES, standardSecretProblem, type SigningScheme } from './webhook-signing';

/**
 * Who receives alerts and how, from one JSON file (WASPADA_DELIVERY_FILE), validated once at start.
 * Secrets never sit in the file itself: each desk token and webhook secret is read from a file
 * (path relative to the config file) or an environment variable, so the config can be committed
 * and reviewed while the secrets stay in the deployment's secret store.
 */

/** The local pipeline's desks and sample subscribers; `init-secrets` makes their secrets. */
export const LOCAL_DELIVERY_FILE = join(__dirname, '..', 'config', 'delivery.local.json');

const identifier = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes, 2 to 63 characters');

const secretSource = z
  .object({
    file: z.string().min(1).optional(),
    env: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]*$/)
      .optional(),
  })
  .refine((source) => (source.file === undefined) !== (source.env === undefined), {
    message: 'give exactly one of "file" (a path relative to this config file) or "env" (a variable name)',
  });

/**
 * What one kind of recipient may see. Desks are enforcement officers and see everything; an
 * agency subscriber typically sees a masked NIK and no birth date (UU PDP 27/2022: only what the
 * purpose needs).
 */
const profileSchema = z.object({
  nik: z.enum(['full', 'masked', 'omit']),
  name: z.boolean(),
  birthDate: z.boolean(),
  sexAndAge: z.boolean(),
  origin: z.boolean(),
  /** Reason texts and the event ids behind them. */
  reasons: z.boolean(),
  evidence: z.boolean(),
  counter: z.boolean(),
});
export type FieldProfile = z.infer<typeof profileSchema>;

const filterSchema = z
  .object({
    minSeverity: z.enum(SEVERITY_ORDER).default('LOW'),
    /** Rule ids (R01...); an alert matches when any of its rules is listed. Empty: every rule. */
    rules: z.array(z.string().regex(/^R\d{2}$/, 'a rule id such as R01')).default([]),
    kinds: z.array(z.enum(['NEW', 'ESCALATED', 'DOWNGRADED', 'RESOLVED'])).default([]),
    /** Situation kinds: departure, report, documents, overstay. */
    situations: z.array(z.enum(['departure', 'report', 'documents', 'overstay'])).default([]),
    /** Regency codes (4 digits) or province codes (2 digits), matched on origin and target regency. */
    regions: z
      .array(z.string().regex(/^\d{2}(\d{2})?$/, 'a 2-digit province or 4-digit regency code'))
      .default([]),
    checkpoints: z.array(z.string().min(2)).default([]),
  })
  .strict();
export type SubscriptionFilter = z.infer<typeof filterSchema>;

const subscriberSchema = z
  .object({
    id: identifier,
    /** The agency behind the subscriber, for the access trail. */
    agency: z.string().min(2),
    url: z.string().regex(/^https?:\/\/\S+$/, 'an http:// or https:// URL'),
    /** For `standard-webhooks`, a `whsec_<base64>` secret (init-secrets makes one). */
    secret: secretSource,
    /**
     * During a rotation, the secret being retired: every request carries a signature by each, so
     * the receiver verifies whichever it holds. Removed once the receiver has moved to `secret`.
     */
    previousSecret: secretSource.optional(),
    /** `standard-webhooks`, or `waspada-v0` for a receiver still on Waspada's earlier scheme. */
    signing: z
      .enum(SIGNING_SCHEMES, { message: `one of ${SIGNING_SCHEMES.join(', ')}` })
      .default('standard-webhooks'),
    profile: z.string().min(1),
    /**
     * The language of the texts in its webhooks: rule titles and reasons in Bahasa Indonesia
     * (`id`, the default) or English (`en`). Message keys and values come with either.
     */
    language: z.enum(LANGUAGES, { message: `one of ${LANGUAGES.join(', ')}` }).default('id'),
    filter: filterSchema.default(filterSchema.parse({})),
    maxAttempts: z.number().int().min(1).max(50).default(8),
    backoffBaseMs: z.number().int().min(10).default(1_000),
    backoffMaxMs: z.number().int().min(10).default(60_000),
    timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
    /** Deliveries in flight at once for this subscriber. */
    concurrency: z.number().int().min(1).max(64).default(8),
  })
  .strict();

const deskSchema = z
  .object({
    deskId: identifier,
    checkpointCode: z.string().min(2),
    token: secretSource,
  })
  .strict();

const fileSchema = z
  .object({
    profiles: z.record(z.string(), profileSchema),
    desks: z.array(deskSchema),
    subscribers: z.array(subscriberSchema).default([]),
  })
  .strict();

export interface Desk {
  readonly deskId: string;
  readonly checkpointCode: string;
  /** SHA-256 of the token: the token itself is not kept in memory longer than loading takes. */
  readonly tokenHash: Buffer;
}

export interface Subscriber extends Omit<
  z.infer<typeof subscriberSchema>,
  'secret' | 'previousSecret' | 'profile' | 'signing'
> {
  readonly secret: string;
  /** Set only during a rotation: the secret being retired, still signed with. */
  readonly previousSecret?: string;
  readonly signing: SigningScheme;
  readonly profileName: string;
  readonly profile: FieldProfile;
}

export interface DeliveryConfig {
  readonly file: string;
  readonly desks: readonly Desk[];
  readonly subscribers: readonly Subscriber[];
  /** A secret source that names a file, resolved, for commands that create missing secrets. */
  readonly secretFiles: readonly string[];
  /** Those of them that hold a Standard Webhooks secret, which is made in the standard's format. */
  readonly standardSecretFiles: readonly string[];
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest();

/** Reads and checks the file; every problem is reported at once, each with its path in the file. */
export function loadDeliveryConfig(
  file: string,
  env: NodeJS.ProcessEnv,
  options: { readSecrets?: boolean } = {},
): DeliveryConfig {
  const { data, problems, done } = openConfigFile(file, fileSchema, {
    what: 'delivery configuration',
    setting: 'WASPADA_DELIVERY_FILE',
  });
  const secrets = secretReader({
    configFile: file,
    env,
    readSecrets: options.readSecrets ?? true,
    noun: 'secret',
    problems,
  });
  const secretOf = (source: z.infer<typeof secretSource>, where: string): string =>
    secrets.read(source, { file: `${where}.file`, env: `${where}.env` });

  const checkpoints = referenceData().checkpoints;
  const deskIds = new Set<string>();
  const desks = data.desks.map((desk, index) => {
    if (!checkpoints.has(desk.checkpointCode))
      problems.push(`desks.${index}.checkpointCode: ${desk.checkpointCode} is not a known checkpoint`);
    if (deskIds.has(desk.deskId)) problems.push(`desks.${index}.deskId: ${desk.deskId} is listed twice`);
    deskIds.add(desk.deskId);
    return {
      deskId: desk.deskId,
      checkpointCode: desk.checkpointCode,
      tokenHash: hashToken(secretOf(desk.token, `desks.${index}.token`)),
    };
  });
  const subscriberIds = new Set<string>();
  const standardSecretFiles: string[] = [];
  /** A subscriber's secret, checked against its scheme's format; its file noted for init-secrets. */
  const webhookSecretOf = (
    source: z.infer<typeof secretSource>,
    where: string,
    signing: SigningScheme,
  ): string => {
    const before = secrets.files.length;
    const value = secretOf(source, where);
    if (signing !== 'standard-webhooks') return value;
    standardSecretFiles.push(...secrets.files.slice(before));
    // A secret too short is already reported as such.
    const problem = value.length < MIN_SECRET_LENGTH ? undefined : standardSecretProblem(value);
    // The message names where the secret is, never the secret.
    if (problem) problems.push(`${where}.${source.file !== undefined ? 'file' : 'env'}: ${problem}`);
    return value;
  };
  const subscribers = data.subscribers.map((subscriber, index) => {
    const where = `subscribers.${index}`;
    const profile = Object.hasOwn(data.profiles, subscriber.profile)
      ? data.profiles[subscriber.profile]
      : undefined;
    if (!profile)
      problems.push(
        `${where}.profile: no profile named ${subscriber.profile} (profiles: ${Object.keys(data.profiles).join(', ')})`,
      );
    if (subscriberIds.has(subscriber.id)) problems.push(`${where}.id: ${subscriber.id} is listed twice`);
    subscriberIds.add(subscriber.id);
    if (subscriber.backoffMaxMs < subscriber.backoffBaseMs)
      problems.push(`${where}.backoffMaxMs: must not be below backoffBaseMs`);
    for (const [i, code] of subscriber.filter.checkpoints.entries())
      if (!checkpoints.has(code))
        problems.push(`${where}.filter.checkpoints.${i}: ${code} is not a known checkpoint`);
    if (subscriber.previousSecret && subscriber.signing !== 'standard-webhooks')
      problems.push(
        `${where}.previousSecret: rotating through two secrets needs "signing": "standard-webhooks"; ${subscriber.signing} carries one signature`,
      );
    const { secret, previousSecret, profile: profileName, ...rest } = subscriber;
    const current = webhookSecretOf(secret, `${where}.secret`, subscriber.signing);
    const retiring = previousSecret
      ? webhookSecretOf(previousSecret, `${where}.previousSecret`, subscriber.signing)
      : undefined;
    if (retiring !== undefined && retiring !== '' && retiring === current)
      problems.push(`${where}.previousSecret: is the same secret as ${where}.secret`);
    return {
      ...rest,
      secret: current,
      ...(retiring !== undefined && { previousSecret: retiring }),
      profileName,
      profile: profile as FieldProfile,
    };
  });
  done();
  return { file, desks, subscribers, secretFiles: secrets.files, standardSecretFiles };
}
