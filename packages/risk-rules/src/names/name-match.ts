import { distance } from 'fastest-levenshtein';

/**
 * Tolerant matching of Indonesian personal and company names, for watchlists and for comparing a
 * travel document with Dukcapil. The method, in order:
 *
 * 1. Upper-case, strip accents and punctuation, split on spaces.
 * 2. Drop titles and honorifics (Haji, Hj., Bapak, Ibu, Dr., Ir., S.H., PT, CV, ...), which
 *    travellers give or omit at will.
 * 3. Fold old and regional spellings to one form: OE→U (Soekarno/Sukarno), DJ→J, TJ→C, SJ→SY,
 *    CH→KH, DH→D, TH→T; doubled letters collapse (Muhammad/Muhamad), and the common variants of
 *    Muhammad (M, MOH, MOCH, MUH, MOHAMMAD, ...) fold to one form.
 * 4. Two tokens match when equal after folding, or within edit distance 1 (tokens of 5 to 8
 *    letters) or 2 (9 letters and more). Short tokens must be equal.
 * 5. Two names match when every token of the shorter one matches a distinct token of the longer,
 *    and the shorter has at least two tokens; a single-token name (common in Indonesia) matches
 *    only another single-token name or a single-token alias. This keeps "Budi" from matching every
 *    "Budi Santoso" while "Budi Santoso" still matches "H. Budi Santosa".
 */
const TITLES = new Set([
  'H',
  'HJ',
  'HAJI',
  'HAJJAH',
  'HAJAH',
  'BAPAK',
  'BPK',
  'PAK',
  'IBU',
  'BU',
  'BANG',
  'MAS',
  'MBAK',
  'KAK',
  'TUAN',
  'NYONYA',
  'NY',
  'SDR',
  'SDRI',
  'DR',
  'DRS',
  'IR',
  'PROF',
  'SH',
  'SE',
  'ST',
  'SKOM',
  'SPD',
  'MM',
  'MBA',
  'KH',
  'USTADZ',
  'USTAD',
  'PT',
  'CV',
  'TBK',
]);

const MUHAMMAD = new Set([
  'M',
  'MOH',
  'MOCH',
  'MOCHAMAD',
  'MOCHAMMAD',
  'MOHAMAD',
  'MOHAMMAD',
  'MUH',
  'MUHAMAD',
]);

function foldSpelling(token: string): string {
  const folded = token
    .replace(/OE/g, 'U')
    .replace(/DJ/g, 'J')
    .replace(/TJ/g, 'C')
    .replace(/SJ/g, 'SY')
    .replace(/CH/g, 'KH')
    .replace(/DH/g, 'D')
    .replace(/TH/g, 'T')
    .replace(/(.)\1+/g, '$1');
  return MUHAMMAD.has(token) || MUHAMMAD.has(folded) ? 'MUHAMAD' : folded;
}

/**
 * Academic degrees written with dots after a name ("S.H.", "S.Kom.", "M.Pd.", "M.B.A."): removed
 * before punctuation goes, since afterwards their pieces look like initials.
 */
const DOTTED_DEGREE =
  /\b(?:M\.\s?B\.\s?A|[SMAD]\.\s?(?:KOM|PD|SOS|SI|AG|MD|KES|KED|HUM|IP|IK|PSI|SN|FARM|AK|KEB|KEP|H|E|T|P))\b\.?/g;

/**
 * A bounded memo of a pure function of one string: watchlists, sponsors and agencies repeat, and a
 * replay judges the same few thousand names against the same entries over and over.
 */
function memoOf<T>(compute: (key: string) => T, limit = 20_000): (key: string) => T {
  const memo = new Map<string, T>();
  return (key) => {
    let value = memo.get(key);
    if (value === undefined) {
      value = compute(key);
      if (memo.size >= limit) memo.clear();
      memo.set(key, value);
    }
    return value;
  };
}

/** A name's folded tokens, shared between callers: never to be changed. */
const foldedTokens = memoOf<readonly string[]>((name) => foldName(name));

export function nameTokens(name: string): string[] {
  return [...foldedTokens(name)];
}

function foldName(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(DOTTED_DEGREE, ' ')
    .replace(/[^A-Z\s]/g, ' ')
    .split(/\s+/)
    .filter((token) => token.length > 0 && !TITLES.has(token))
    .map(foldSpelling);
}

/** Legal forms that make a name a company's: Indonesian (PT, CV, UD, PD, Perum, Persero, Tbk, Koperasi, Yayasan) and foreign. */
const LEGAL_FORMS = new Set([
  'PT',
  'CV',
  'UD',
  'PD',
  'PERUM',
  'PERSERO',
  'TBK',
  'KOPERASI',
  'YAYASAN',
  'FIRMA',
  'SDN',
  'BHD',
  'LTD',
  'LLC',
  'INC',
  'CORP',
  'GMBH',
]);

/**
 * Whether a name is written as a company's (it carries a legal form such as PT or CV). Companies
 * are often named after people ("PT Budi Santoso Jaya"), and the legal form is dropped before
 * matching, so a company and a person of one name would match; a watchlist rule tells them apart
 * with this.
 */
export const isCompanyName: (name: string) => boolean = memoOf((name) =>
  name
    .toUpperCase()
    .replace(/[^A-Z\s]/g, ' ')
    .split(/\s+/)
    .some((token) => LEGAL_FORMS.has(token)),
);

/** A name in its folded form, for index keys: the same person under two spellings gets one key. */
export const normalizedName: (name: string) => string = memoOf((name) => foldedTokens(name).join(' '));

function tokensMatch(a: string, b: string): boolean {
  if (a === b) return true;
  const shortest = Math.min(a.length, b.length);
  if (shortest < 5) return false;
  return distance(a, b) <= (shortest >= 9 ? 2 : 1);
}

/** Pairs of names already compared (a watchlist entry against a sponsor named on many bookings). */
const matched = new Map<string, Map<string, boolean>>();
let matchedPairs = 0;
const MATCHED_LIMIT = 50_000;

export function namesMatch(a: string, b: string): boolean {
  let withA = matched.get(a);
  let result = withA?.get(b);
  if (result === undefined) {
    result = tokenListsMatch(foldedTokens(a), foldedTokens(b));
    if (matchedPairs >= MATCHED_LIMIT) {
      matched.clear();
      matchedPairs = 0;
      withA = undefined;
    }
    if (!withA) matched.set(a, (withA = new Map<string, boolean>()));
    withA.set(b, result);
    matchedPairs += 1;
  }
  return result;
}

function tokenListsMatch(left: readonly string[], right: readonly string[]): boolean {
  if (left.length === 0 || right.length === 0) return false;
  // "SITI NUR HALIMAH" and "Siti Nurhalimah": one name, written with or without the space.
  if (left.length !== right.length && tokensMatch(left.join(''), right.join(''))) return true;
  const [shorter, longer] = left.length <= right.length ? [left, right] : [right, left];
  if (shorter.length === 1) return longer.length === 1 && tokensMatch(shorter[0] ?? '', longer[0] ?? '');
  const unused = [...longer];
  for (const token of shorter) {
    const index = unused.findIndex((candidate) => tokensMatch(token, candidate));
    if (index < 0) return false;
    unused.splice(index, 1);
  }
  return true;
}

/**
 * Blocking keys of a name, to find the few known names worth comparing with namesMatch without
 * comparing against all of them: each folded token's first and last three letters. Two matching
 * names share at least one key unless every token has a slip in its middle letter (five-letter
 * tokens) or slips at both ends; the watchlist index uses the same method.
 */
export function nameBlockKeys(name: string): string[] {
  return [
    ...new Set(foldedTokens(name).flatMap((token) => [`<${token.slice(0, 3)}`, `>${token.slice(-3)}`])),
  ];
}
