import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * An analysts file for a dashboard a test starts, one analyst per role, with fresh tokens in
 * files beside it (the local file's token files exist only once `npm start` has prepared them).
 */
export function writeAnalystsFile(regencies: readonly string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'waspada-analysts-'));
  const tokens = {
    analyst: `analyst-${randomUUID()}`,
    investigator: `investigator-${randomUUID()}`,
    supervisor: `supervisor-${randomUUID()}`,
  };
  const ids = {
    analyst: 'analyst-test-01',
    investigator: 'investigator-test-01',
    supervisor: 'supervisor-test-01',
  };
  const entries: Record<string, unknown>[] = (Object.keys(tokens) as (keyof typeof tokens)[]).map((role) => {
    writeFileSync(join(dir, `${role}.token`), `${tokens[role]}\n`, { mode: 0o600 });
    return { id: ids[role], roles: [role], tokenFile: `${role}.token` };
  });
  // One regency account per regency code asked for, `regency-<code>`.
  const regencyTokens: Record<string, string> = {};
  for (const code of regencies) {
    regencyTokens[code] = `regency-${code}-${randomUUID()}`;
    writeFileSync(join(dir, `regency-${code}.token`), `${regencyTokens[code]}\n`, { mode: 0o600 });
    entries.push({
      id: `regency-${code}`,
      roles: ['regency'],
      regencyCode: code,
      tokenFile: `regency-${code}.token`,
    });
  }
  const file = join(dir, 'analysts.json');
  writeFileSync(file, JSON.stringify(entries, null, 2));
  return { file, tokens, ids, regencyTokens };
}
