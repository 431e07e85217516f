import { readFileSync } from 'node:fs';
import {
  DEFAULT_RULESET_FILE,
  loadProcedureTable,
  loadRuleSet,
  missingProcedures,
  parseProcedureTable,
  parseRuleSet,
  procedureFileOf,
  procedureFor,
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
    const procedure = procedureFor(table, 'R02', 'HIGH');
    expect(procedure?.ask.join(' ')).toMatch(/job/);
    expect(procedure?.ask.join(' ')).toMatch(/paid for the ticket/);
    expect(procedure?.check.join(' ')).toMatch(/SISKOP2MI/);
    expect(procedure?.notify.map((entry) => entry.party)).toEqual(
      expect.arrayContaining(['BP3MI', 'SATGAS_TPPO', 'SHIFT_SUPERVISOR']),
    );
    expect(procedure?.notify.find((entry) => entry.party === 'BP3MI')?.name).toMatch(/KP2MI/);
  });

  it('refuses a rule set whose rules reach a severity the procedure table does not cover', () => {
    const raw = JSON.parse(readFileSync(DEFAULT_RULESET_FILE, 'utf8')) as {
      rules: { R01: { severity: string } };
    };
    raw.rules.R01.severity = 'LOW';
    expect(() => parseRuleSet(raw)).toThrow(
      /procedures: procedure table 2026\.12\.1 has no entry for R01 LOW/,
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
