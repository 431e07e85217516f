/**
 * Message texts carry `{name}` placeholders. A parameter's value is always a string, as the alert
 * contract's `params` map carries it; what the value is (a country code, a date, a term of a
 * closed list) is said once here, by the parameter's name, so every page renders it the same way.
 */
export type ParamKind =
  /** Shown as given: a count, a code, a name. */
  | 'text'
  /** An ISO 3166 alpha-2 code, shown as the country's name in the reader's language. */
  | 'country'
  /** ISO codes separated by commas. */
  | 'countries'
  /** A calendar day, YYYY-MM-DD, shown in the reader's language. */
  | 'date'
  /** Rule ids separated by commas, each shown with its title in the reader's language (`rule.R02.title`). */
  | 'rules'
  /** A symbol of a closed list (an Avro enum), shown as the message `<term>.<symbol>`. */
  | { readonly term: string };

export const PARAM_KINDS: Readonly<Record<string, ParamKind>> = {
  age: 'text',
  agency: 'text',
  booking: 'text',
  category: { term: 'category' },
  checkpoint: 'text',
  city: 'text',
  company: 'text',
  count: 'text',
  countries: 'countries',
  country: 'country',
  date: 'date',
  days: 'text',
  document: { term: 'document' },
  documentBirthDate: 'date',
  documentNumber: 'text',
  documentSex: { term: 'sex' },
  entry: 'text',
  entryType: { term: 'entryType' },
  fromCountry: 'country',
  hours: 'text',
  licence: { term: 'licence' },
  listReason: 'text',
  maxDays: 'text',
  nikBirthDate: 'date',
  nikSex: { term: 'sex' },
  office: 'text',
  otherDate: 'date',
  otherOffice: 'text',
  passport: 'text',
  payer: { term: 'payer' },
  placement: 'text',
  placementCountry: 'country',
  plannedCheckpoint: 'text',
  posts: 'text',
  purpose: { term: 'purpose' },
  recordBirthDate: 'date',
  recordSex: { term: 'sex' },
  refusal: { term: 'refusal' },
  regency: 'text',
  report: 'text',
  sponsor: 'text',
  sponsored: { term: 'sponsored' },
  arrival: { term: 'arrival' },
  against: { term: 'against' },
  via: { term: 'via' },
  reason: 'text',
  seconds: 'text',
  severity: { term: 'severity' },
  kind: { term: 'kind' },
  outcome: { term: 'outcome' },
  officer: 'text',
  time: 'text',
  counter: 'text',
  score: 'text',
  name: 'text',
  rule: 'text',
  version: 'text',
  roles: 'text',
  names: 'text',
  precision: 'text',
  recall: 'text',
  records: 'text',
  applied: 'text',
  inPeriod: 'text',
  people: 'text',
  rate: 'text',
  judged: 'text',
  labelled: 'text',
  createdAt: 'text',
  step: { term: 'ruleStatus' },
  actor: 'text',
  added: 'text',
  changed: 'text',
  dropped: 'text',
  unchanged: 'text',
  live: 'text',
  liveAlerts: 'text',
  shadowAlerts: 'text',
  from: 'text',
  to: 'text',
  alert: 'text',
  total: 'text',
  severities: 'text',
  raised: 'text',
  resolved: 'text',
  downgraded: 'text',
  flapped: 'text',
  newAlerts: 'text',
  share: 'text',
  entries: 'text',
  perThousand: 'text',
  alerted: 'text',
  departures: 'text',
  transitCountry: 'country',
  revision: 'text',
  situation: 'text',
  rules: 'rules',
  desk: 'text',
  placementEvent: { term: 'placementEvent' },
  identityEvent: { term: 'identityEvent' },
  reportStatus: { term: 'reportStatus' },
  limit: 'text',
  dismissed: 'text',
  open: 'text',
  inProgress: 'text',
  closed: 'text',
  overdue: 'text',
  caseId: 'text',
  nik: 'text',
};

/** How the reader's side names countries and days: the browser's Intl, or the reference data for an alert's own text. */
export interface Renderers {
  country(code: string): string;
  date(isoDate: string): string;
}

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

/** The parameter names a text uses, in order of first use. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ''))];
}

/**
 * The text of `key` with its parameters filled in, or undefined when the catalogue has no such
 * key. A parameter the text names but the values lack stays visible as `{name}`, so a test that
 * looks for placeholders on a page finds it.
 */
export function formatMessage(
  catalogue: Readonly<Record<string, string>>,
  key: string,
  params: Readonly<Record<string, string>>,
  render: Renderers,
): string | undefined {
  const text = catalogue[key];
  if (text === undefined) return undefined;
  return text.replace(PLACEHOLDER, (placeholder, name: string) => {
    const value = params[name];
    if (value === undefined) return placeholder;
    const kind = PARAM_KINDS[name] ?? 'text';
    if (kind === 'country') return render.country(value);
    if (kind === 'countries')
      return value
        .split(',')
        .filter(Boolean)
        .map((code) => render.country(code))
        .join(', ');
    if (kind === 'date') return render.date(value);
    if (kind === 'rules')
      return value
        .split(',')
        .filter(Boolean)
        .map((ruleId) => {
          const title = catalogue[`rule.${ruleId}.title`];
          return title === undefined ? ruleId : `${ruleId} ${title}`;
        })
        .join('; ');
    if (kind === 'text') return value;
    return catalogue[`${kind.term}.${value}`] ?? value;
  });
}
