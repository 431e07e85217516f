import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUES, formatMessage } from '@waspada/messages';

/**
 * The keys a rule can give a reason, read from the rules' own code (every key is a literal there:
 * `reason('R01.oneWay', …)`, or a table of literals), so a key added to a rule and not to the
 * catalogue, or left in the catalogue after a rule stopped using it, fails here.
 */
const SOURCES = [
  ...readdirSync(join(__dirname, '..', 'src', 'rules')).map((file) => join('rules', file)),
  'evaluate.ts',
].map((file) => readFileSync(join(__dirname, '..', 'src', file), 'utf8'));
const REASON_KEY = /'((?:R\d{2}|ORIGIN)\.[A-Za-z]+)'/g;
const emitted = new Set(
  SOURCES.flatMap((source) => [...source.matchAll(REASON_KEY)].map((match) => match[1])),
);

describe('reason keys', () => {
  it('finds keys in every rule file', () => {
    for (let rule = 1; rule <= 12; rule += 1) {
      const id = `R${String(rule).padStart(2, '0')}`;
      expect([...emitted].filter((key) => key?.startsWith(`${id}.`)).length).toBeGreaterThan(0);
    }
  });

  it('are in the catalogue in both languages, and the catalogue holds no reason no rule gives', () => {
    for (const catalogue of [CATALOGUES.id, CATALOGUES.en]) {
      const reasonKeys = Object.keys(catalogue).filter((key) => /^(R\d{2}|ORIGIN)\./.test(key));
      expect(reasonKeys.sort()).toEqual([...emitted].sort());
    }
  });

  it('name every payer, travel purpose and sex a crossing can carry', () => {
    const contract = readFileSync(
      join(__dirname, '..', '..', '..', 'schemas', 'avro', 'border-crossing-event.avsc'),
      'utf8',
    );
    // The enum's symbols, found by its name in the contract's text.
    const symbols = (name: string) =>
      JSON.parse(
        new RegExp(`"name": "${name}",\\s*"symbols": (\\[[^\\]]*\\])`).exec(contract)?.[1] ?? '[]',
      ) as string[];
    const missing = [
      ...symbols('TicketPayer').map((symbol) => `payer.${symbol}`),
      ...symbols('TravelPurpose').map((symbol) => `purpose.${symbol}`),
      ...symbols('Sex').map((symbol) => `sex.${symbol}`),
    ].filter((key) => formatMessage(CATALOGUES.en, key, {}, { country: String, date: String }) === undefined);
    expect(missing).toEqual([]);
    expect(symbols('TicketPayer')).toContain('SPONSOR');
  });
});
