import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAnalysts, LOCAL_ANALYSTS_FILE, mayUnmaskNik, type AnalystDirectory } from '../src';

const TOKENS = {
  analyst: 'analyst-token-aaaaaaaaaaaaaaaaaaaa',
  investigator: 'investigator-token-bbbbbbbbbbbbbbbb',
  supervisor: 'supervisor-token-cccccccccccccccccc',
  regency: 'regency-token-dddddddddddddddddd',
};

function writeDirectory(entries: unknown, secrets: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'waspada-analysts-'));
  for (const [name, value] of Object.entries(secrets)) writeFileSync(join(dir, name), `${value}\n`);
  const file = join(dir, 'analysts.json');
  writeFileSync(file, typeof entries === 'string' ? entries : JSON.stringify(entries));
  return file;
}

function sampleDirectory(): AnalystDirectory {
  const file = writeDirectory(
    [
      { id: 'analyst-jabar-01', roles: ['analyst'], tokenFile: 'a.token' },
      { id: 'investigator-01', roles: ['investigator'], tokenFile: 'i.token' },
      { id: 'supervisor-01', roles: ['supervisor', 'analyst'], tokenEnv: 'SUPERVISOR_TOKEN' },
      { id: 'regency-bogor-01', roles: ['regency'], regencyCode: '3201', tokenFile: 'r.token' },
    ],
    { 'a.token': TOKENS.analyst, 'i.token': TOKENS.investigator, 'r.token': TOKENS.regency },
  );
  return loadAnalysts(file, { SUPERVISOR_TOKEN: TOKENS.supervisor });
}

describe('loadAnalysts', () => {
  it('reads analysts with tokens from files and environment variables', () => {
    const directory = sampleDirectory();
    expect(directory.analysts).toEqual([
      { id: 'analyst-jabar-01', roles: ['analyst'] },
      { id: 'investigator-01', roles: ['investigator'] },
      { id: 'supervisor-01', roles: ['supervisor', 'analyst'] },
      { id: 'regency-bogor-01', roles: ['regency'], regencyCode: '3201' },
    ]);
    expect(directory.authenticate(TOKENS.investigator)?.id).toBe('investigator-01');
    expect(directory.authenticate(TOKENS.supervisor)?.id).toBe('supervisor-01');
    expect(directory.authenticate('not-a-token-of-anyone-xxxxxxxx')).toBeUndefined();
    expect(directory.authenticate(undefined)).toBeUndefined();
    expect(directory.authenticate('')).toBeUndefined();
  });

  it('names the path in the file of every problem at once', () => {
    const file = writeDirectory(
      [
        { id: 'Bad Id', roles: ['analyst'], tokenFile: 'x.token' },
        { id: 'ok-01', roles: ['boss'], tokenFile: 'x.token' },
        { id: 'ok-02', roles: [], tokenFile: 'x.token', token: 'inline-secret' },
        { id: 'ok-03', roles: ['analyst'] },
      ],
      { 'x.token': TOKENS.analyst },
    );
    let message = '';
    try {
      loadAnalysts(file);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(file);
    expect(message).toMatch(/0\.id: lower-case letters/);
    expect(message).toMatch(/1\.roles\.0: /);
    expect(message).toMatch(/2\.roles: at least one role/);
    expect(message).toMatch(/2: Unrecognized key: "token"/);
    expect(message).toMatch(/3: give exactly one of "tokenFile"/);
    expect(message).not.toContain('inline-secret');
  });

  it('refuses short, missing, shared and unset tokens and duplicate ids, without echoing a token', () => {
    const file = writeDirectory(
      [
        { id: 'short-01', roles: ['analyst'], tokenFile: 'short.token' },
        { id: 'missing-01', roles: ['analyst'], tokenFile: 'nowhere.token' },
        { id: 'same-01', roles: ['analyst'], tokenFile: 'a.token' },
        { id: 'same-01', roles: ['analyst'], tokenFile: 'a.token' },
        { id: 'env-01', roles: ['analyst'], tokenEnv: 'UNSET_ANALYST_TOKEN' },
      ],
      { 'short.token': 'too-short', 'a.token': TOKENS.analyst },
    );
    let message = '';
    try {
      loadAnalysts(file, {});
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/0\.tokenFile: the token in .*short\.token is shorter than 24 characters/);
    expect(message).toMatch(/1\.tokenFile: .*nowhere\.token does not exist/);
    expect(message).toMatch(/3\.id: same-01 is listed twice/);
    expect(message).toMatch(/3: has the same token as same-01/);
    expect(message).toMatch(/4\.tokenEnv: UNSET_ANALYST_TOKEN is unset/);
    expect(message).not.toContain('too-short');
    expect(message).not.toContain(TOKENS.analyst);
  });

  it('gives a regency account its regency code, and refuses one without it, mixed with another role, or misplaced', () => {
    const good = writeDirectory(
      [{ id: 'regency-bogor-01', roles: ['regency'], regencyCode: '3201', tokenFile: 'r.token' }],
      {
        'r.token': 'regency-token-dddddddddddddddddd',
      },
    );
    expect(loadAnalysts(good).analysts).toEqual([
      { id: 'regency-bogor-01', roles: ['regency'], regencyCode: '3201' },
    ]);
    const bad = writeDirectory(
      [
        { id: 'regency-01', roles: ['regency'], tokenFile: 'r.token' },
        { id: 'regency-02', roles: ['regency', 'analyst'], regencyCode: '3201', tokenFile: 'r.token' },
        { id: 'analyst-01', roles: ['analyst'], regencyCode: '3201', tokenFile: 'r.token' },
        { id: 'regency-03', roles: ['regency'], regencyCode: 'Bogor', tokenFile: 'r.token' },
      ],
      { 'r.token': 'regency-token-dddddddddddddddddd' },
    );
    let message = '';
    try {
      loadAnalysts(bad, {}, { readSecrets: false });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/0\.regencyCode: a regency account needs "regencyCode"/);
    expect(message).toMatch(/1\.roles: the regency role stands alone/);
    expect(message).toMatch(/2\.regencyCode: only a regency account has a regencyCode/);
    expect(message).toMatch(/3\.regencyCode: a Kemendagri regency code: 4 digits/);
  });

  it('refuses a file that is missing or not JSON', () => {
    expect(() => loadAnalysts('/nonexistent/analysts.json')).toThrow(/does not exist.*WASPADA_ANALYSTS_FILE/);
    expect(() => loadAnalysts(writeDirectory('{ nope'))).toThrow(/not JSON/);
  });

  it('lists the token files of the local file without reading them, for init-secrets', () => {
    const directory = loadAnalysts(LOCAL_ANALYSTS_FILE, {}, { readSecrets: false });
    expect(directory.analysts.map((analyst) => analyst.roles[0])).toEqual(
      expect.arrayContaining(['analyst', 'investigator', 'supervisor']),
    );
    expect(directory.tokenFiles).toHaveLength(directory.analysts.length);
    for (const file of directory.tokenFiles) expect(file).toMatch(/\.waspada\/secrets\/analysts\/.+\.token$/);
  });
});

describe('mayUnmaskNik', () => {
  it('lets only investigators see full NIKs', () => {
    expect(mayUnmaskNik({ id: 'a', roles: ['investigator'] })).toBe(true);
    expect(mayUnmaskNik({ id: 'b', roles: ['analyst', 'investigator'] })).toBe(true);
    expect(mayUnmaskNik({ id: 'c', roles: ['analyst'] })).toBe(false);
    expect(mayUnmaskNik({ id: 'd', roles: ['supervisor'] })).toBe(false);
  });
});
