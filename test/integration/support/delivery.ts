import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { LOCAL_DELIVERY_FILE, newStandardSecret } from '@waspada/delivery';
import { openSseStream } from '@waspada/notifier';

/** A desk's live channel read as a desk screen reads it: fetch, Bearer token, SSE frames. */
export interface DeskStream {
  readonly status: number;
  readonly alerts: {
    id: string;
    data: { alertId: string; person: { nik: string } } & Record<string, unknown>;
  }[];
  readonly events: { event: string; id?: string; data: unknown }[];
  readonly receivedAt: Map<string, number>;
  close(): void;
}

export async function openDeskStream(
  baseUrl: string,
  checkpoint: string,
  token: string,
  lastEventId?: string,
): Promise<DeskStream> {
  const alerts: DeskStream['alerts'] = [];
  const events: DeskStream['events'] = [];
  const receivedAt = new Map<string, number>();
  const connection = await openSseStream(
    `${baseUrl}/desks/${checkpoint}/stream`,
    {
      authorization: `Bearer ${token}`,
      ...(lastEventId !== undefined && { 'last-event-id': lastEventId }),
    },
    (message) => {
      events.push(message);
      if (message.event === 'alert' && message.id) {
        alerts.push({ id: message.id, data: message.data as DeskStream['alerts'][number]['data'] });
        receivedAt.set(message.id, Date.now());
      }
    },
  );
  return { status: connection.status, alerts, events, receivedAt, close: () => connection.close() };
}

export interface ReceivedWebhook {
  readonly body: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly status: number;
}

/**
 * An agency's webhook endpoint: answers with whatever status the test sets, and keeps every request.
 * While holding, it takes each request and answers none until released, as a stuck receiver does.
 * Started `down`, it resets every connection at once (the client sees a network error, as from a
 * host whose service is not running) until `comeUp()`: the port stays the receiver's all along, so
 * no other server of the run can take it in between.
 */
export async function startWebhookReceiver(options: { down?: boolean } = {}) {
  const received: ReceivedWebhook[] = [];
  const held: ServerResponse[] = [];
  let answer = 200;
  let holding = false;
  let down = options.down ?? false;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        body: Buffer.concat(chunks).toString('utf8'),
        headers: request.headers,
        status: holding ? 0 : answer,
      });
      if (holding) held.push(response);
      else response.writeHead(answer).end();
    });
  });
  server.on('connection', (socket) => {
    if (down) socket.resetAndDestroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    received,
    port: (server.address() as AddressInfo).port,
    comeUp() {
      down = false;
    },
    answerWith(status: number) {
      answer = status;
    },
    holdAnswers() {
      holding = true;
    },
    /** Requests taken and not answered yet. */
    heldCount: () => held.length,
    releaseHeld(status: number) {
      holding = false;
      answer = status;
      for (const response of held.splice(0)) response.writeHead(status).end();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A local port free when looked at, for a child process that is told its port before it binds it;
 * another server may take it in between, which `startServiceProcess` answers by starting again.
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The profiles of the local pipeline's delivery file: enforcement, regional-agency, statistics. */
const PROFILES = (JSON.parse(readFileSync(LOCAL_DELIVERY_FILE, 'utf8')) as { profiles: unknown }).profiles;

/**
 * A delivery config of the test's own, in a temporary folder with its secret files, as an operator
 * would lay it out. Returns the file and the secrets the test needs to act as desks and receivers.
 * A subscriber's secret is in its scheme's format (`whsec_...` unless `signing: "waspada-v0"`);
 * `previousSecret: true` gives it a second, retiring secret, as during a rotation.
 */
export function writeDeliveryConfig(options: {
  desks: readonly { deskId: string; checkpointCode: string }[];
  subscribers: readonly Record<string, unknown>[];
}) {
  const dir = mkdtempSync(join(tmpdir(), 'waspada-delivery-'));
  const secret = (name: string, value = randomBytes(32).toString('base64url')) => {
    writeFileSync(join(dir, `${name}.secret`), value);
    return value;
  };
  const tokens = new Map<string, string>();
  const secrets = new Map<string, string>();
  const previousSecrets = new Map<string, string>();
  const desks = options.desks.map((desk) => {
    tokens.set(desk.deskId, secret(desk.deskId));
    return { ...desk, token: { file: `${desk.deskId}.secret` } };
  });
  const subscribers = options.subscribers.map(({ previousSecret, ...subscriber }) => {
    const id = subscriber.id as string;
    const standard = subscriber.signing !== 'waspada-v0';
    const fresh = () => (standard ? newStandardSecret() : undefined);
    secrets.set(id, secret(`webhook-${id}`, fresh()));
    if (previousSecret !== true) return { ...subscriber, secret: { file: `webhook-${id}.secret` } };
    previousSecrets.set(id, secret(`webhook-${id}-previous`, fresh()));
    return {
      ...subscriber,
      secret: { file: `webhook-${id}.secret` },
      previousSecret: { file: `webhook-${id}-previous.secret` },
    };
  });
  const file = join(dir, 'delivery.json');
  writeFileSync(file, JSON.stringify({ profiles: PROFILES, desks, subscribers }, null, 2));
  return { file, tokens, secrets, previousSecrets };
}
