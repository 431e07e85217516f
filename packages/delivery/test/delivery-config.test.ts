import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isWaspadaError } from '@waspada/common';
import { referenceData } from '@waspada/domain';
import { hashToken, loadDeliveryConfig } from '../src/delivery-config';
import { PROFILES } from './fixtures';

const CGK_TOKEN = 'desk-cgk-1-Jt4pX9sQ2wLm7vB3nK8r';
/** The secret a rotation retires. */
const OTHER_SECRET = `whsec_${Buffer.from('bp3mi-kalbar-retired-secret-0000').toString('base64')}`;
const ENTIKONG_TOKEN = 'desk-entikong-1-Hc5yR1dF6gZ0uW2e';
/** A Standard Webhooks secret: whsec_ and the base64 of 32 bytes. */
const BP3MI_SECRET = `whsec_${Buffer.from('bp3mi-kalbar-7Qx2mV9pL4tR8nZ1-32').toString('base64')}`;

/**
 * A deployment laid out like the repository's: the config in `config/`, secrets in a sibling
 * `secrets/` directory that the config names by relative path.
 */
let root: string;
let configFile: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'waspada-delivery-'));
  mkdirSync(join(root, 'config'));
  mkdirSync(join(root, 'secrets', 'desks'), { recursive: true });
  configFile = join(root, 'config', 'delivery.json');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const writeSecret = (name: string, value: string) => {
  const path = join(root, 'secrets', name);
  writeFileSync(path, value);
  return path;
};

type Json = Record<string, unknown>;

function config(overrides: Json = {}): Json {
  return {
    profiles: { enforcement: PROFILES.enforcement, 'regional-agency': PROFILES.regionalAgency },
    desks: [
      { deskId: 'cgk-1', checkpointCode: 'CGK', token: { file: '../secrets/desks/CGK.token' } },
      {
        deskId: 'plbn-entikong-1',
        checkpointCode: 'PLBN-ENTIKONG',
        token: { file: '../secrets/desks/PLBN-ENTIKONG.token' },
      },
    ],
    subscribers: [
      {
        id: 'bp3mi-kalbar',
        agency: 'BP3MI Kalimantan Barat',
        url: 'https://bp3mi-kalbar.example.go.id/waspada/alerts',
        secret: { env: 'WASPADA_SECRET_BP3MI_KALBAR' },
        profile: 'regional-agency',
        filter: { minSeverity: 'HIGH', regions: ['61'], checkpoints: ['PLBN-ENTIKONG', 'PLBN-ARUK'] },
      },
    ],
    ...overrides,
  };
}

const env = { WASPADA_SECRET_BP3MI_KALBAR: `  ${BP3MI_SECRET}\n` };

function writeConfig(value: Json): string {
  writeFileSync(configFile, JSON.stringify(value, null, 2));
  return configFile;
}

function withSecrets(): void {
  writeSecret('desks/CGK.token', `${CGK_TOKEN}\n`);
  writeSecret('desks/PLBN-ENTIKONG.token', ENTIKONG_TOKEN);
}

/** The problems listed in the refusal, one per line, with the error's code checked on the way. */
function problemsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    if (!isWaspadaError(error, 'WSP_CONFIG_INVALID')) throw error;
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(`delivery configuration ${configFile} is not valid, fix it:`);
    return error.message
      .split('\n')
      .slice(1)
      .map((line) => line.replace(/^ {2}- /, ''));
  }
  throw new Error('the configuration was accepted');
}

const subscriber = (fields: Json) => ({ ...(config().subscribers as Json[])[0], ...fields });
const desk = (index: number, fields: Json) => ({ ...(config().desks as Json[])[index], ...fields });

describe('hashToken', () => {
  it('is the SHA-256 digest of the token', () => {
    expect(hashToken(CGK_TOKEN)).toEqual(createHash('sha256').update(CGK_TOKEN, 'utf8').digest());
    expect(hashToken(CGK_TOKEN)).toHaveLength(32);
  });
});

describe('loadDeliveryConfig', () => {
  it('loads desks with the hash of their token and subscribers with their secret and profile', () => {
    withSecrets();
    const loaded = loadDeliveryConfig(writeConfig(config()), env);
    expect(loaded.file).toBe(configFile);
    expect(loaded.desks).toEqual([
      { deskId: 'cgk-1', checkpointCode: 'CGK', tokenHash: hashToken(CGK_TOKEN) },
      { deskId: 'plbn-entikong-1', checkpointCode: 'PLBN-ENTIKONG', tokenHash: hashToken(ENTIKONG_TOKEN) },
    ]);
    expect(loaded.subscribers).toEqual([
      {
        id: 'bp3mi-kalbar',
        agency: 'BP3MI Kalimantan Barat',
        url: 'https://bp3mi-kalbar.example.go.id/waspada/alerts',
        secret: BP3MI_SECRET,
        signing: 'standard-webhooks',
        profileName: 'regional-agency',
        profile: PROFILES.regionalAgency,
        language: 'id',
        filter: {
          minSeverity: 'HIGH',
          rules: [],
          kinds: [],
          situations: [],
          regions: ['61'],
          checkpoints: ['PLBN-ENTIKONG', 'PLBN-ARUK'],
        },
        maxAttempts: 8,
        backoffBaseMs: 1_000,
        backoffMaxMs: 60_000,
        timeoutMs: 10_000,
        concurrency: 8,
      },
    ]);
  });

  it('keeps no desk token in the loaded configuration', () => {
    withSecrets();
    const text = JSON.stringify(loadDeliveryConfig(writeConfig(config()), env));
    expect(text).not.toContain(CGK_TOKEN);
    expect(text).not.toContain(ENTIKONG_TOKEN);
  });

  it('reads secret files relative to the config file and lists them resolved', () => {
    withSecrets();
    const loaded = loadDeliveryConfig(writeConfig(config()), env);
    expect(loaded.secretFiles).toEqual([
      join(root, 'secrets', 'desks', 'CGK.token'),
      join(root, 'secrets', 'desks', 'PLBN-ENTIKONG.token'),
    ]);
  });

  it('reads a secret file given by absolute path, and a desk token from the environment', () => {
    const secretPath = writeSecret('bp3mi.secret', BP3MI_SECRET);
    const loaded = loadDeliveryConfig(
      writeConfig(
        config({
          desks: [desk(0, { token: { env: 'WASPADA_DESK_CGK_1' } })],
          subscribers: [subscriber({ secret: { file: secretPath } })],
        }),
      ),
      { WASPADA_DESK_CGK_1: CGK_TOKEN },
    );
    expect(loaded.desks[0]?.tokenHash).toEqual(hashToken(CGK_TOKEN));
    expect(loaded.subscribers[0]?.secret).toBe(BP3MI_SECRET);
    expect(loaded.secretFiles).toEqual([secretPath]);
  });

  it('reads a retiring secret beside the current one during a rotation, and lists Standard Webhooks secret files', () => {
    withSecrets();
    const previous = writeSecret('bp3mi-previous.secret', `${OTHER_SECRET}\n`);
    const current = writeSecret('bp3mi.secret', BP3MI_SECRET);
    const loaded = loadDeliveryConfig(
      writeConfig(
        config({
          subscribers: [
            subscriber({ secret: { file: '../secrets/bp3mi.secret' }, previousSecret: { file: previous } }),
          ],
        }),
      ),
      {},
    );
    expect(loaded.subscribers[0]).toMatchObject({
      secret: BP3MI_SECRET,
      previousSecret: OTHER_SECRET,
      signing: 'standard-webhooks',
    });
    expect(loaded.standardSecretFiles).toEqual([current, previous]);
    expect(loaded.secretFiles).toEqual([
      join(root, 'secrets', 'desks', 'CGK.token'),
      join(root, 'secrets', 'desks', 'PLBN-ENTIKONG.token'),
      current,
      previous,
    ]);
  });

  it('takes a secret of any form for a subscriber kept on waspada-v0, and lists it as no standard secret', () => {
    withSecrets();
    const legacy = writeSecret('legacy.secret', 'bp3mi-kalbar-7Qx2mV9pL4tR8nZ1');
    const loaded = loadDeliveryConfig(
      writeConfig(config({ subscribers: [subscriber({ secret: { file: legacy }, signing: 'waspada-v0' })] })),
      {},
    );
    expect(loaded.subscribers[0]).toMatchObject({
      secret: 'bp3mi-kalbar-7Qx2mV9pL4tR8nZ1',
      signing: 'waspada-v0',
    });
    expect(loaded.standardSecretFiles).toEqual([]);
  });

  it('accepts a secret of exactly 24 characters', () => {
    writeSecret('desks/CGK.token', 'x'.repeat(24));
    const loaded = loadDeliveryConfig(writeConfig(config({ desks: [desk(0, {})], subscribers: [] })), {});
    expect(loaded.desks[0]?.tokenHash).toEqual(hashToken('x'.repeat(24)));
  });

  it('leaves subscribers out when the file lists none', () => {
    withSecrets();
    const { subscribers, ...rest } = config();
    expect(subscribers).toBeDefined();
    expect(loadDeliveryConfig(writeConfig(rest), {}).subscribers).toEqual([]);
  });

  describe('refuses', () => {
    it('a subscriber naming a property every object has instead of a profile', () => {
      withSecrets();
      const problems = problemsOf(() =>
        loadDeliveryConfig(
          writeConfig(config({ subscribers: [subscriber({ profile: 'constructor' })] })),
          env,
        ),
      );
      expect(problems[0]).toMatch(/^subscribers\.0\.profile: no profile named constructor/);
    });

    it('a subscriber asking for a language Waspada does not write', () => {
      withSecrets();
      expect(
        problemsOf(() =>
          loadDeliveryConfig(writeConfig(config({ subscribers: [subscriber({ language: 'fr' })] })), env),
        ),
      ).toEqual(['subscribers.0.language: one of id, en']);
    });

    it('a subscriber naming a profile that does not exist, listing the profiles there are', () => {
      withSecrets();
      expect(
        problemsOf(() =>
          loadDeliveryConfig(
            writeConfig(config({ subscribers: [subscriber({ profile: 'analytics' })] })),
            env,
          ),
        ),
      ).toEqual([
        'subscribers.0.profile: no profile named analytics (profiles: enforcement, regional-agency)',
      ]);
    });

    it('a desk or a subscriber filter at a checkpoint that is not in the reference data', () => {
      withSecrets();
      const problems = problemsOf(() =>
        loadDeliveryConfig(
          writeConfig(
            config({
              desks: [desk(0, {}), desk(1, { checkpointCode: 'PLBN-ENTIKONK' })],
              subscribers: [subscriber({ filter: { checkpoints: ['PLBN-ARUK', 'SOEKARNO-HATTA'] } })],
            }),
          ),
          env,
        ),
      );
      expect(problems).toEqual([
        'desks.1.checkpointCode: PLBN-ENTIKONK is not a known checkpoint',
        'subscribers.0.filter.checkpoints.1: SOEKARNO-HATTA is not a known checkpoint',
      ]);
    });

    it('a desk id listed twice, and a subscriber id listed twice', () => {
      withSecrets();
      const problems = problemsOf(() =>
        loadDeliveryConfig(
          writeConfig(
            config({
              desks: [desk(0, {}), desk(1, { deskId: 'cgk-1' })],
              subscribers: [subscriber({}), subscriber({})],
            }),
          ),
          env,
        ),
      );
      expect(problems).toEqual([
        'desks.1.deskId: cgk-1 is listed twice',
        'subscribers.1.id: bp3mi-kalbar is listed twice',
      ]);
    });

    it('a secret file that does not exist, naming the resolved path', () => {
      writeSecret('desks/CGK.token', CGK_TOKEN);
      expect(problemsOf(() => loadDeliveryConfig(writeConfig(config()), env))).toEqual([
        `desks.1.token.file: ${join(root, 'secrets', 'desks', 'PLBN-ENTIKONG.token')} does not exist or is not a file`,
      ]);
    });

    it('a secret shorter than 24 characters, in a file (whitespace not counted) or in the environment', () => {
      writeSecret('desks/CGK.token', `${'x'.repeat(23)}\n\n`);
      writeSecret('desks/PLBN-ENTIKONG.token', ENTIKONG_TOKEN);
      const problems = problemsOf(() =>
        loadDeliveryConfig(writeConfig(config()), { WASPADA_SECRET_BP3MI_KALBAR: 'too-short' }),
      );
      expect(problems).toEqual([
        `desks.0.token.file: the secret in ${join(root, 'secrets', 'desks', 'CGK.token')} is shorter than 24 characters`,
        'subscribers.0.secret.env: WASPADA_SECRET_BP3MI_KALBAR is unset or shorter than 24 characters',
      ]);
    });

    it("a Standard Webhooks subscriber's secret not in the standard's format, without echoing it", () => {
      withSecrets();
      const cases = [
        ['bp3mi-kalbar-7Qx2mV9pL4tR8nZ1-plain', 'this one does not start with whsec_'],
        ['whsec_not base64 at all, spaces!!', 'what follows whsec_ is not base64'],
        [`whsec_${Buffer.alloc(20, 7).toString('base64')}`, 'this one holds 20 bytes'],
        [`whsec_${Buffer.alloc(65, 7).toString('base64')}`, 'this one holds 65 bytes'],
      ] as const;
      for (const [secret, why] of cases) {
        const problems = problemsOf(() =>
          loadDeliveryConfig(writeConfig(config()), { WASPADA_SECRET_BP3MI_KALBAR: secret }),
        );
        expect(problems).toEqual([
          `subscribers.0.secret.env: a Standard Webhooks secret is "whsec_" followed by the base64 of 24 to 64 random bytes; ${why}`,
        ]);
        expect(problems.join('\n')).not.toContain(secret);
      }
    });

    it('a retiring secret under waspada-v0, or the same as the current one, or an unknown scheme', () => {
      withSecrets();
      writeSecret('legacy.secret', 'bp3mi-kalbar-7Qx2mV9pL4tR8nZ1');
      expect(
        problemsOf(() =>
          loadDeliveryConfig(
            writeConfig(
              config({
                subscribers: [
                  subscriber({
                    signing: 'waspada-v0',
                    secret: { file: '../secrets/legacy.secret' },
                    previousSecret: { file: '../secrets/legacy.secret' },
                  }),
                ],
              }),
            ),
            {},
          ),
        ),
      ).toEqual([
        'subscribers.0.previousSecret: rotating through two secrets needs "signing": "standard-webhooks"; waspada-v0 carries one signature',
        'subscribers.0.previousSecret: is the same secret as subscribers.0.secret',
      ]);
      expect(
        problemsOf(() =>
          loadDeliveryConfig(
            writeConfig(config({ subscribers: [subscriber({ signing: 'hmac-sha1' })] })),
            env,
          ),
        ),
      ).toEqual(['subscribers.0.signing: one of standard-webhooks, waspada-v0']);
    });

    it('a secret variable that is not set', () => {
      withSecrets();
      expect(problemsOf(() => loadDeliveryConfig(writeConfig(config()), {}))).toEqual([
        'subscribers.0.secret.env: WASPADA_SECRET_BP3MI_KALBAR is unset or shorter than 24 characters',
      ]);
    });

    it('a secret source that names both a file and a variable, or neither', () => {
      withSecrets();
      const problems = problemsOf(() =>
        loadDeliveryConfig(
          writeConfig(
            config({
              desks: [desk(0, { token: { file: '../secrets/desks/CGK.token', env: 'WASPADA_DESK_CGK_1' } })],
              subscribers: [subscriber({ secret: {} })],
            }),
          ),
          env,
        ),
      );
      const exactlyOne =
        'give exactly one of "file" (a path relative to this config file) or "env" (a variable name)';
      expect(problems).toEqual([`desks.0.token: ${exactlyOne}`, `subscribers.0.secret: ${exactlyOne}`]);
    });

    it('a field the schema does not know, wherever it is', () => {
      withSecrets();
      const problems = problemsOf(() =>
        loadDeliveryConfig(
          writeConfig(
            config({
              desks: [desk(0, { counter: 'T2-07' })],
              subscribers: [subscriber({ retries: 3, filter: { minSeverity: 'HIGH', severity: 'HIGH' } })],
              webhooks: [],
            }),
          ),
          env,
        ),
      );
      expect(problems).toEqual(
        expect.arrayContaining([
          'desks.0: Unrecognized key: "counter"',
          'subscribers.0.filter: Unrecognized key: "severity"',
          'subscribers.0: Unrecognized key: "retries"',
          '(file): Unrecognized key: "webhooks"',
        ]),
      );
      expect(problems).toHaveLength(4);
    });

    it('a profile that leaves out a field', () => {
      const { counter: _counter, ...partial } = PROFILES.regionalAgency;
      const problems = problemsOf(() =>
        loadDeliveryConfig(writeConfig(config({ profiles: { 'regional-agency': partial } })), env),
      );
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^profiles\.regional-agency\.counter: /);
    });

    it('a backoff cap below its base', () => {
      withSecrets();
      expect(
        problemsOf(() =>
          loadDeliveryConfig(
            writeConfig(config({ subscribers: [subscriber({ backoffBaseMs: 5_000, backoffMaxMs: 1_000 })] })),
            env,
          ),
        ),
      ).toEqual(['subscribers.0.backoffMaxMs: must not be below backoffBaseMs']);
    });

    it('with every problem at once, so one restart fixes them all', () => {
      const problems = problemsOf(() =>
        loadDeliveryConfig(
          writeConfig(
            config({
              desks: [desk(0, { checkpointCode: 'XXX' }), desk(1, { deskId: 'cgk-1' })],
              subscribers: [subscriber({ profile: 'analytics' })],
            }),
          ),
          {},
        ),
      );
      expect(problems).toHaveLength(6);
    });

    it('a file that does not exist, saying which variable names it', () => {
      expect(problemsOf(() => loadDeliveryConfig(configFile, env))).toEqual([
        'the file does not exist (set WASPADA_DELIVERY_FILE to the delivery configuration)',
      ]);
    });

    it('a file that is not JSON', () => {
      writeFileSync(configFile, '{ "profiles": {}, desks: [] }');
      const problems = problemsOf(() => loadDeliveryConfig(configFile, env));
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^not JSON: /);
    });
  });

  describe('with readSecrets: false', () => {
    it('lists the secret files without reading them or the environment', () => {
      const loaded = loadDeliveryConfig(writeConfig(config()), {}, { readSecrets: false });
      expect(loaded.secretFiles).toEqual([
        join(root, 'secrets', 'desks', 'CGK.token'),
        join(root, 'secrets', 'desks', 'PLBN-ENTIKONG.token'),
      ]);
      expect(loaded.desks.map((entry) => entry.deskId)).toEqual(['cgk-1', 'plbn-entikong-1']);
      expect(loaded.subscribers[0]?.secret).toBe('');
    });

    it('still refuses what is wrong in the file itself', () => {
      const problems = problemsOf(() =>
        loadDeliveryConfig(
          writeConfig(config({ desks: [desk(0, { checkpointCode: 'XXX' })] })),
          {},
          { readSecrets: false },
        ),
      );
      expect(problems).toEqual(['desks.0.checkpointCode: XXX is not a known checkpoint']);
    });
  });

  it('accepts the committed local configuration: a desk at every known checkpoint, tokens from files', () => {
    const file = join(__dirname, '..', 'config', 'delivery.local.json');
    const loaded = loadDeliveryConfig(file, {}, { readSecrets: false });
    const checkpointCodes = [...referenceData().checkpoints.keys()];
    expect(loaded.desks.map((entry) => entry.checkpointCode).sort()).toEqual(checkpointCodes.sort());
    expect(loaded.desks.map((entry) => entry.checkpointCode)).toEqual(
      expect.arrayContaining(['CGK', 'DPS', 'PLBN-ENTIKONG']),
    );
    const secrets = join(__dirname, '..', '..', '..', '.waspada', 'secrets');
    expect(loaded.secretFiles).toEqual([
      ...loaded.desks.map((entry) => join(secrets, 'desks', `${entry.checkpointCode}.token`)),
      ...loaded.subscribers.map((entry) => join(secrets, 'webhooks', `${entry.id}.secret`)),
    ]);
    // The sample agencies: the regional office sees a masked NIK, the statistics desk none.
    expect(loaded.subscribers.map((entry) => [entry.id, entry.profile.nik])).toEqual([
      ['bp3mi-jawa-barat', 'masked'],
      ['kemlu-statistics', 'omit'],
    ]);
  });
});
