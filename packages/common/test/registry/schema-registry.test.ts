import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSchemaRegistryClient, WaspadaError } from '../../src';

/**
 * A real HTTP server on a loopback port standing in for a registry that accepts connections and
 * then does not answer: the one failure a timeout alone can bound.
 */
async function registryThat(
  answer: (request: IncomingMessage, response: ServerResponse, body: string) => void,
): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => answer(request, response, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const schema = { type: 'record', name: 'Sample', fields: [{ name: 'nik', type: 'string' }] };

function json(response: ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
}

describe('schema registry client against a registry that stops answering', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('sends an unanswered registration again and takes the id of the answer', async () => {
    const registrations: string[] = [];
    const { url, server } = await registryThat((request, response, body) => {
      if (request.url?.startsWith('/config/')) {
        if (request.method === 'GET') return json(response, 404, { error_code: 40401, message: 'none' });
        return json(response, 200, { compatibility: 'BACKWARD' });
      }
      registrations.push(body);
      // The first registration is accepted and never answered; the second is answered.
      if (registrations.length > 1) json(response, 200, { id: 7 });
    });
    servers.push(server);
    const registry = createSchemaRegistryClient({ url }, { requestTimeoutMs: 300 });
    await expect(registry.register('sample-value', schema, 'BACKWARD')).resolves.toBe(7);
    expect(registrations).toHaveLength(2);
    expect(new Set(registrations).size).toBe(1);
  });

  it('gives up after three unanswered registrations with an unreachable error that names the subject', async () => {
    let registrations = 0;
    const { url, server } = await registryThat((request, response) => {
      if (request.url?.startsWith('/config/')) return json(response, 200, { compatibilityLevel: 'BACKWARD' });
      registrations += 1;
    });
    servers.push(server);
    const registry = createSchemaRegistryClient({ url }, { requestTimeoutMs: 300 });
    const failure = await registry
      .register('sample-value', schema, 'BACKWARD')
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WaspadaError);
    expect(failure).toMatchObject({
      code: 'WSP_REGISTRY_UNREACHABLE',
      message: expect.stringMatching(
        /registering a new version of subject sample-value: .*Timeout \(300ms\)/,
      ),
    });
    expect(registrations).toBe(3);
  });

  it('does not send a refused registration again', async () => {
    let registrations = 0;
    const { url, server } = await registryThat((request, response) => {
      if (request.url?.startsWith('/config/')) return json(response, 200, { compatibilityLevel: 'BACKWARD' });
      registrations += 1;
      json(response, 409, { error_code: 409, message: 'Schema being registered is incompatible' });
    });
    servers.push(server);
    const registry = createSchemaRegistryClient({ url }, { requestTimeoutMs: 300 });
    await expect(registry.register('sample-value', schema, 'BACKWARD')).rejects.toMatchObject({
      code: 'WSP_REGISTRY_REFUSED',
      message: expect.stringMatching(/incompatible/),
    });
    expect(registrations).toBe(1);
  });

  it('bounds a read that is never answered', async () => {
    const { url, server } = await registryThat(() => undefined);
    servers.push(server);
    const registry = createSchemaRegistryClient({ url }, { requestTimeoutMs: 300 });
    await expect(registry.compatibility('sample-value')).rejects.toMatchObject({
      code: 'WSP_REGISTRY_UNREACHABLE',
    });
  });
});
