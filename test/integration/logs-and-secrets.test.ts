import './support/own-topics';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Connections } from '@waspada/common';
import {
  eventually,
  serviceEnv,
  testConnections,
  uniqueName,
  useTestKit,
  useOwnTopics,
} from './support/clients';
import { openDeskStream, writeDeliveryConfig } from './support/delivery';
import {
  openAgencies,
  scamHubScan,
  uniqueInstance,
  waitSettled,
  withOwnRedisDb,
} from './support/risk-pipeline';

// This file's processors read topics of their own, never what other files left (own-topics.ts).
useOwnTopics();

/**
 * UU PDP 27/2022: logs never carry a full NIK, and no log carries a secret. The processor and the
 * notifier run as their own processes at debug level while travellers are scanned, a desk signs in
 * with a wrong token, and a subscriber refuses every webhook; everything they print is searched.
 */
describe('what the services print', () => {
  const kit = useTestKit();
  let connections: Connections;
  const children: ChildProcess[] = [];
  const printed: string[] = [];

  const start = (main: string, settings: Record<string, string>, port: number) => {
    const child = spawn(process.execPath, [require.resolve(main)], {
      env: serviceEnv(connections, { ...settings, WASPADA_HTTP_PORT: String(port), LOG_LEVEL: 'debug' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout, child.stderr])
      stream?.on('data', (chunk: Buffer) => printed.push(chunk.toString()));
    children.push(child);
    return eventually(
      () =>
        fetch(`http://127.0.0.1:${port}/health/ready`).then(
          (reply) => reply.ok,
          () => false,
        ),
      `${main} to be ready`,
      120_000,
    );
  };

  afterAll(() => {
    for (const child of children) child.kill('SIGTERM');
  });

  it('never holds a full NIK, a desk token or a webhook secret', async () => {
    connections = await withOwnRedisDb(testConnections(), 8);
    const refusing = createServer((_request, response) => response.writeHead(500).end());
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    const config = writeDeliveryConfig({
      desks: [{ deskId: 'cgk-1', checkpointCode: 'CGK' }],
      subscribers: [
        {
          id: `t${randomInt(1e6)}-refusing`,
          agency: 'Disnaker',
          url: `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/hook`,
          profile: 'enforcement',
          filter: { checkpoints: ['CGK'], regions: ['3273'] },
          maxAttempts: 2,
          backoffBaseMs: 20,
          backoffMaxMs: 40,
        },
      ],
    });
    const groupId = uniqueName('risk-logs');
    const [processorPort, notifierPort] = [28122, 28132];
    await start(
      '@waspada/risk-processor/dist/main.js',
      { WASPADA_PROCESSOR_GROUP: groupId, WASPADA_INSTANCE_ID: uniqueInstance('logs') },
      processorPort,
    );
    await start(
      '@waspada/notifier/dist/main.js',
      {
        WASPADA_DELIVERY_FILE: config.file,
        WASPADA_INSTANCE_ID: uniqueInstance('logs'),
        WASPADA_NOTIFIER_GROUP: uniqueName('router-logs'),
      },
      notifierPort,
    );
    // Men from Bandung (3273) born 3 March 1994, one-way to Cambodia: each raises an alert.
    const niks = Array.from(
      { length: 5 },
      () => `327301030394${String(randomInt(1, 10_000)).padStart(4, '0')}`,
    );
    const agencies = await openAgencies(connections);
    try {
      await agencies.submit(
        niks.map((nik) =>
          scamHubScan(nik, {
            checkpointCode: 'CGK',
            counterId: 'C-11',
            fullName: 'Rina Kartika',
            birthDate: '1994-03-03',
          }),
        ),
      );
    } finally {
      await agencies.close();
    }
    await waitSettled(kit(), groupId);
    const wrong = await openDeskStream(`http://127.0.0.1:${notifierPort}`, 'CGK', 'x'.repeat(40));
    expect(wrong.status).toBe(401);
    // The refused webhooks end on the dead-letter topic, which the notifier logs (NIK masked).
    await eventually(
      () => printed.join('').includes('webhook gave up'),
      'the notifier to give up on a webhook',
      60_000,
    );
    await eventually(
      () => printed.join('').includes('alert decided'),
      'the processor to log its alerts',
      60_000,
    );
    refusing.close();

    const output = printed.join('');
    const secrets = [...config.tokens.values(), ...config.secrets.values()];
    for (const secret of secrets) expect(output).not.toContain(secret);
    expect(output.match(/(?<!\d)\d{16}(?!\d)/g) ?? []).toEqual([]);
    for (const nik of niks) expect(output).toContain(`${nik.slice(0, 4)}**********${nik.slice(14)}`);
  }, 300_000);
});
