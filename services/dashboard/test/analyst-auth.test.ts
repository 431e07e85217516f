import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { loadAnalysts, type AnalystDirectory } from '@waspada/analysts';
import { analystGuard, requireAnalyst } from '../src/analyst-auth';

const TOKENS = {
  analyst: 'analyst-token-aaaaaaaaaaaaaaaaaaaa',
  investigator: 'investigator-token-bbbbbbbbbbbbbbbb',
  supervisor: 'supervisor-token-cccccccccccccccccc',
  regency: 'regency-token-dddddddddddddddddd',
};

/** Four accounts, their tokens given by environment variable (the file's other way to name one). */
function sampleDirectory(): AnalystDirectory {
  const file = join(mkdtempSync(join(tmpdir(), 'waspada-guard-')), 'analysts.json');
  const accounts = [
    { id: 'analyst-jabar-01', roles: ['analyst'], tokenEnv: 'ANALYST_TOKEN' },
    { id: 'investigator-01', roles: ['investigator'], tokenEnv: 'INVESTIGATOR_TOKEN' },
    { id: 'supervisor-01', roles: ['supervisor', 'analyst'], tokenEnv: 'SUPERVISOR_TOKEN' },
    { id: 'regency-bogor-01', roles: ['regency'], regencyCode: '3201', tokenEnv: 'REGENCY_TOKEN' },
  ];
  writeFileSync(file, JSON.stringify(accounts));
  return loadAnalysts(file, {
    ANALYST_TOKEN: TOKENS.analyst,
    INVESTIGATOR_TOKEN: TOKENS.investigator,
    SUPERVISOR_TOKEN: TOKENS.supervisor,
    REGENCY_TOKEN: TOKENS.regency,
  });
}

describe('analystGuard', () => {
  async function appWith(directory: AnalystDirectory) {
    const app = Fastify();
    app.get('/any', { preHandler: analystGuard(directory) }, async (request) => ({
      id: requireAnalyst(request).id,
    }));
    app.get('/approve', { preHandler: analystGuard(directory, ['supervisor']) }, async (request) => ({
      id: requireAnalyst(request).id,
    }));
    app.get('/cases', { preHandler: analystGuard(directory, ['regency', 'analyst']) }, async (request) => ({
      id: requireAnalyst(request).id,
    }));
    // A real listener: light-my-request's inject pulls in an ES-only module jest cannot load.
    await app.listen({ host: '127.0.0.1', port: 0 });
    return app;
  }

  it('answers 401 without a token or with a wrong one, 403 for a role not allowed, else lets through', async () => {
    const app = await appWith(sampleDirectory());
    const address = app.server.address() as AddressInfo;
    const get = async (path: string, authorization?: string) => {
      const response = await fetch(`http://127.0.0.1:${address.port}${path}`, {
        headers: authorization ? { authorization } : {},
      });
      return {
        statusCode: response.status,
        headers: Object.fromEntries(response.headers),
        body: (await response.json()) as { id?: string; error?: string },
      };
    };
    try {
      const none = await get('/any');
      expect(none.statusCode).toBe(401);
      expect(none.headers['www-authenticate']).toBe('Bearer');
      expect((await get('/any', 'Bearer wrong-token-wrong-token-wrong')).statusCode).toBe(401);
      expect((await get('/any', TOKENS.analyst)).statusCode).toBe(401);
      expect((await get('/any', `Basic ${TOKENS.analyst}`)).statusCode).toBe(401);

      const ok = await get('/any', `Bearer ${TOKENS.analyst}`);
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toEqual({ id: 'analyst-jabar-01' });

      const forbidden = await get('/approve', `Bearer ${TOKENS.investigator}`);
      expect(forbidden.statusCode).toBe(403);
      expect(forbidden.body.error).toMatch(/investigator-01 .*needs the role supervisor/);
      const approved = await get('/approve', `bearer ${TOKENS.supervisor}`);
      expect(approved.body).toEqual({ id: 'supervisor-01' });

      // A regency account passes only a route that names its role, never one left to the default.
      expect((await get('/any', `Bearer ${TOKENS.regency}`)).statusCode).toBe(403);
      expect((await get('/cases', `Bearer ${TOKENS.regency}`)).body).toEqual({ id: 'regency-bogor-01' });
    } finally {
      await app.close();
    }
  });
});
