import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isWaspadaError } from '@waspada/common';
import { referenceData } from '@waspada/domain';
import { hashToken, loadDeliveryConfig } from '../src/delivery-config';
import { PROFILES } from './fixtures';

const CGK_TOKEN = 'desk-cgk-1-Jt4pX9sQ2wLm7vB3nK8r';
const ENTIKONG_TOKEN = 'desk-entikong-1-Hc5yR1dF6gZ0uW2e';
const BP3MI_SECRET = 'whsec-bp3mi-kalbar-7Qx2mV9pL4tR8nZ1';

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
        profileName: 'regional-agency',
        profile: PROFILES.regionalAgency,
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
