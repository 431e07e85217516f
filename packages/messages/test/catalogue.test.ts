import { CATALOGUES, formatMessage, LANGUAGES, PARAM_KINDS, placeholdersOf } from '../src';

const keysOf = (language: keyof typeof CATALOGUES) => Object.keys(CATALOGUES[language]).sort();
const allTexts = LANGUAGES.flatMap((language) => Object.values<string>(CATALOGUES[language]));

describe('the message catalogue', () => {
  it('has exactly the same keys in Bahasa Indonesia and English', () => {
    expect(keysOf('en')).toEqual(keysOf('id'));
    expect(keysOf('id').length).toBeGreaterThan(100);
  });

  it('names the same parameters for a key in both languages', () => {
    const differing = keysOf('id').filter((key) => {
      const id = placeholdersOf((CATALOGUES.id as Record<string, string>)[key] ?? '').sort();
      const en = placeholdersOf((CATALOGUES.en as Record<string, string>)[key] ?? '').sort();
      return id.join(',') !== en.join(',');
    });
    expect(differing).toEqual([]);
  });

  it('says for every parameter how it is shown, and lists no parameter no text uses', () => {
    const used = new Set(allTexts.flatMap(placeholdersOf));
    expect([...used].filter((name) => PARAM_KINDS[name] === undefined)).toEqual([]);
    expect(Object.keys(PARAM_KINDS).filter((name) => !used.has(name))).toEqual([]);
  });

  it('has texts for the terms a parameter names', () => {
    const terms = new Set(
      Object.values(PARAM_KINDS).flatMap((kind) => (typeof kind === 'object' ? [kind.term] : [])),
    );
    for (const term of terms) {
      expect(keysOf('id').filter((key) => key.startsWith(`${term}.`)).length).toBeGreaterThan(0);
    }
  });

  it('leaves no text empty except a term that adds nothing', () => {
    const empty = LANGUAGES.flatMap((language) =>
      Object.entries<string>(CATALOGUES[language])
        .filter(([, text]) => text.trim() === '')
        .map(([key]) => key),
    );
    expect([...new Set(empty)]).toEqual(['sponsored.no']);
  });
});

describe('formatMessage', () => {
  const render = { country: (code: string) => `<${code}>`, date: (day: string) => `[${day}]` };

  it('fills countries, lists of countries, days and terms in the reader language', () => {
    expect(formatMessage(CATALOGUES.en, 'R02.viaHub', { countries: 'KH,MM' }, render)).toBe(
      'route through <KH>, <MM>, a scam-compound area',
    );
    expect(
      formatMessage(
        CATALOGUES.id,
        'R03.refusedThenBorderPass',
        { refusal: 'DEFERRED', date: '2026-09-21', office: 'KANIM-SAMBAS', category: 'IDENTITY_DOUBT' },
        render,
      ),
    ).toBe(
      'paspor ditunda pada [2026-09-21] di KANIM-SAMBAS karena keraguan identitas; kini berangkat dengan pas lintas batas (PLB)',
    );
  });

  it('leaves a missing value visible as its placeholder and answers undefined for an unknown key', () => {
    expect(formatMessage(CATALOGUES.en, 'R01.oneWay', {}, render)).toBe(
      'one-way to {country}: no return booking shown',
    );
    expect(formatMessage(CATALOGUES.en, 'R99.nothing', {}, render)).toBeUndefined();
  });
});
