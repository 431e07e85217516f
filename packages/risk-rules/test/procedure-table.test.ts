import { readFileSync } from 'node:fs';
import { CATALOGUES } from '@waspada/messages';
import {
  DEFAULT_RULESET_FILE,
  loadProcedureTable,
  loadRuleSet,
  missingProcedures,
  parseProcedureTable,
  parseRuleSet,
  procedureFileOf,
  procedureFor,
  procedureIn,
  RULE_IDS,
  severitiesFrom,
} from '../src';

const ruleSet = loadRuleSet();
const table = loadProcedureTable(ruleSet.procedures ?? 'none');

describe('standard desk procedures', () => {
  it('is named by the shipped rule set', () => {
    expect(ruleSet.procedures).toBe(table.version);
  });

  it('has an entry for every rule × severity the rule set can produce', () => {
    const pairs = RULE_IDS.flatMap((ruleId) =>
      severitiesFrom(ruleSet.rules[ruleId].severity).map((severity) => [ruleId, severity] as const),
    );
    expect(pairs.length).toBeGreaterThanOrEqual(RULE_IDS.length);
    for (const [ruleId, severity] of pairs) {
      const procedure = procedureFor(table, ruleId, severity);
      expect({ ruleId, severity, found: procedure !== undefined }).toEqual({ ruleId, severity, found: true });
    }
    expect(missingProcedures(table, ruleSet.rules)).toEqual([]);
  });

  it('tells the desk at a scam-hub alert to ask about the job offer and the ticket, check SISKOP2MI, and notify BP3MI and the TPPO task force', () => {
    const found = procedureFor(table, 'R02', 'HIGH');
    if (!found) throw new Error('no R02 HIGH procedure');
    const procedure = procedureIn(found, 'en');
    expect(procedure.ask.join(' ')).toMatch(/job/);
    expect(procedure.ask.join(' ')).toMatch(/paid for the ticket/);
    expect(procedure.check.join(' ')).toMatch(/SISKOP2MI/);
    expect(procedure.notify.map((entry) => entry.party)).toEqual(
      expect.arrayContaining(['BP3MI', 'SATGAS_TPPO', 'SHIFT_SUPERVISOR']),
    );
    expect(procedure.notify.find((entry) => entry.party === 'BP3MI')?.name).toMatch(/KP2MI/);
    const inBahasa = procedureIn(found, 'id');
    expect(inBahasa.ask.join(' ')).toMatch(/menawarkan pekerjaan/);
    expect(inBahasa.ask.join(' ')).toMatch(/membayar tiket/);
    expect(inBahasa.action).toBe(CATALOGUES.id['procedure.R02.HIGH']);
  });

  it('names a catalogue key for every step, action and party, so the desk reads it in either language', () => {
    const texts = [
      ...Object.values(table.parties),
      ...Object.values(table.rules).flatMap((rule) => [
        ...rule.ask,
        ...rule.check,
        ...Object.values(rule.severities).map((entry) => entry?.action),
      ]),
    ];
    const catalogue: Readonly<Record<string, string>> = CATALOGUES.en;
    expect(texts.filter((text) => text === undefined || catalogue[text] === undefined)).toEqual([]);
    // Every procedure key of the catalogue is in use, so a step dropped from the table is dropped there too.
    const procedureKeys = Object.keys(CATALOGUES.id).filter((key) => key.startsWith('procedure.'));
    expect(procedureKeys.filter((key) => !texts.includes(key))).toEqual([]);
  });

  it('speaks of the traveller, never of a victim, in either language', () => {
    const words = Object.entries({ ...CATALOGUES.id, ...CATALOGUES.en })
      .filter(([key]) => key.startsWith('procedure.'))
      .map(([, text]) => text);
    expect(words.join('\n')).not.toMatch(/korban|victim/i);
    const inBahasa = Object.entries(CATALOGUES.id)
      .filter(([key]) => key.startsWith('procedure.'))
      .map(([, text]) => text);
    expect(inBahasa.join('\n')).not.toMatch(/\b(the|and|of|to)\b/);
  });

  it('keeps the earlier tables, in English sentences, valid for the alerts that name them', () => {
    for (const version of ['2026.11.1', '2026.12.1']) {
      const earlier = loadProcedureTable(version);
      const procedure = procedureFor(earlier, 'R02', 'HIGH');
      expect(procedure && procedureIn(procedure, 'id').ask.join(' ')).toMatch(/job/);
    }
  });

  it('refuses a table that mixes keys and sentences, or names a key the catalogue lacks', () => {
    const raw = JSON.parse(readFileSync(procedureFileOf(table.version), 'utf8')) as {
      rules: { R01: { ask: string[]; check: string[] } };
    };
    raw.rules.R01.ask[0] = 'What is the purpose of the trip?';
    raw.rules.R01.check[0] = 'procedure.R01.check.nothing';
    expect(() => parseProcedureTable(raw)).toThrow(
      /rules\.R01\.ask\.0: a table names message keys for every step, action and party, or for none/,
    );
    expect(() => parseProcedureTable(raw)).toThrow(
      /rules\.R01\.check\.0: procedure\.R01\.check\.nothing is not a key of the message catalogue/,
    );
  });

  it('refuses a rule set whose rules reach a severity the procedure table does not cover', () => {
    const raw = JSON.parse(readFileSync(DEFAULT_RULESET_FILE, 'utf8')) as {
      rules: { R01: { severity: string } };
    };
    raw.rules.R01.severity = 'LOW';
    expect(() => parseRuleSet(raw)).toThrow(
      /procedures: procedure table 2026\.12\.2 has no entry for R01 LOW/,
    );
  });

  it('refuses a rule set naming a procedure table that does not exist', () => {
    const raw = {
      ...(JSON.parse(readFileSync(DEFAULT_RULESET_FILE, 'utf8')) as object),
      procedures: '2030.01.1',
    };
    expect(() => parseRuleSet(raw)).toThrow(/procedures: procedures: no procedure table 2030\.01\.1/);
  });

  it('refuses a table that names a party it does not describe, with the path', () => {
    const raw = JSON.parse(readFileSync(procedureFileOf(table.version), 'utf8')) as {
      parties: Record<string, string>;
    };
    delete raw.parties.UPTD_PPA;
    expect(() => parseProcedureTable(raw)).toThrow(
      /rules\.R07\.notify: UPTD_PPA is not described under parties/,
    );
  });
});
