/**
 * Exemptions ("snooze with review") as the pages show them: the API calls, an exemption's status,
 * period and steps, the refusal box of a form, and the line an alert shows for each rule it left
 * out under an approved exemption. Shared by the person page, the rules page and the desk cards.
 */
import { dayTime, h, utcDay } from './dom.js';
import { symbolName, t, term } from './i18n.js';
import { AnalystApiError, analystGet, analystPost, messageOf } from './analyst-session.js';
import { lastDayOf } from './exempted-rules.js';
import { refusalBox } from './refusal-box.js';

export { exemptedRulesBlock } from './exempted-rules.js';

/**
 * @typedef {import('./api-types.js').Exemption} Exemption
 * @typedef {import('./api-types.js').ExemptionList} ExemptionList
 * @typedef {import('./api-types.js').ExemptionStatus} ExemptionStatus
 * @typedef {import('./i18n.js').MessageKey} MessageKey
 */

const PATH = '/api/analyst/exemptions';
const DAY_MS = 86_400_000;
/** The longest period of one exemption (MAX_EXEMPTION_DAYS in @waspada/risk-rules). */
export const MAX_EXEMPTION_DAYS = 180;
/** The days a proposal covers unless the analyst picks another last day. */
export const DEFAULT_EXEMPTION_DAYS = 30;

/**
 * The exemptions of one person, or of everyone; one status, or all. Every exemption listed is
 * recorded on the access trail by the server.
 * @param {{ nik?: string, status?: ExemptionStatus }} [query]
 * @returns {Promise<Exemption[]>}
 */
export async function listExemptions(query = {}) {
  const params = new URLSearchParams();
  if (query.nik) params.set('nik', query.nik);
  if (query.status) params.set('status', query.status);
  const search = params.toString();
  /** @type {ExemptionList} */
  const answer = await analystGet(search ? `${PATH}?${search}` : PATH);
  return answer.exemptions;
}

/**
 * Proposes an exemption; resolves with it, or throws the server's refusal.
 * @param {{ nik: string, ruleId: string, validUntil: string, reason: string }} request
 * @returns {Promise<Exemption>}
 */
export function proposeExemption(request) {
  return analystPost(PATH, request);
}

/**
 * Approves, rejects or revokes an exemption; resolves with it as it is now.
 * @param {string} exemptionId
 * @param {'approve' | 'reject' | 'revoke'} step
 * @param {string} [reason]  needed to reject or revoke
 * @returns {Promise<Exemption>}
 */
export function decideExemption(exemptionId, step, reason) {
  return analystPost(
    `${PATH}/${encodeURIComponent(exemptionId)}/${step}`,
    reason === undefined ? {} : { reason },
  );
}

/**
 * The days a date input offers for the last day of a new exemption: today to the last day that
 * keeps the period from now within 180 days, and 30 days from now by default.
 * @param {number} [now]
 */
export function untilDays(now = Date.now()) {
  return {
    min: utcDay(now),
    max: utcDay(now + (MAX_EXEMPTION_DAYS - 1) * DAY_MS),
    value: utcDay(now + DEFAULT_EXEMPTION_DAYS * DAY_MS),
  };
}

/**
 * The end of the period for a last day chosen (included): the start of the next day, UTC. A day
 * that is not one goes as typed, for the server to name the field.
 * @param {string} day
 */
export function validUntilOf(day) {
  const start = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(start) ? day : new Date(start + DAY_MS).toISOString();
}

/**
 * The period, first and last day included: 4 Des 2026 s.d. 2 Jan 2027.
 * @param {Exemption} exemption
 */
export function periodText(exemption) {
  return t('exemptions.periodDays', {
    date: utcDay(Date.parse(exemption.validFrom)),
    otherDate: lastDayOf(exemption.validUntil),
  });
}

/**
 * The status as a badge carrying it, for the eye and for tests: an approved exemption says
 * whether it is in force now, has ended or has not started.
 * @param {Exemption} exemption
 */
export function exemptionStatus(exemption) {
  let text = symbolName('exemptionStatus', exemption.status);
  let shade = exemption.status.toLowerCase();
  if (exemption.status === 'APPROVED') {
    if (exemption.inForce) {
      text = t('exemptions.inForce');
      shade = 'in-force';
    } else if (Date.parse(exemption.validUntil) <= Date.now()) text = t('exemptions.ended');
    else text = t('exemptions.notYet');
  }
  return h(
    'span',
    {
      className: `exemption-status exemption-${shade}`,
      dataset: { status: exemption.status, inForce: String(exemption.inForce) },
    },
    text,
  );
}

/**
 * Who proposed it and who decided, when, with the reason of a rejection or revocation.
 * @param {Exemption} exemption
 */
export function stepsList(exemption) {
  return h(
    'ol',
    { className: 'steps' },
    ...exemption.steps.map((step) =>
      h(
        'li',
        { dataset: { step: step.step } },
        term(`exemptions.step.${step.step}`, { actor: step.actorId, time: dayTime(step.stepTime) }),
        step.reason ? `: ${step.reason}` : '',
      ),
    ),
  );
}

/**
 * A rule as the pages name it: its id and its title in the reader's language.
 * @param {string} ruleId
 */
export function ruleLabel(ruleId) {
  const title = term(`rule.${ruleId}.title`);
  return title === `rule.${ruleId}.title` ? ruleId : `${ruleId} · ${title}`;
}

/** The fields a lifecycle refusal names at the start of its message ("reason: …"). */
const FIELDS = ['nik', 'ruleId', 'validFrom', 'validUntil', 'reason'];

/**
 * Where a page shows the server's refusal of an exemption step: what the refusal means in the
 * reader's language, then each field it named (with its label on the page, the field marked) or
 * the server's own words. Drawn again when the language changes.
 * @param {HTMLElement} box
 * @param {Record<string, { input: HTMLElement, label: MessageKey }>} [fields]  by the request's field name
 */
export function exemptionRefusal(box, fields = {}) {
  return refusalBox(box, fields, (failure) => {
    const code = failure instanceof AnalystApiError ? failure.code : null;
    const meaning = code ? term(`exemptionRefusal.${code}`) : '';
    let problems = failure instanceof AnalystApiError ? failure.fields : [];
    // A lifecycle refusal names its field in its message: "reason: …, in 10 to 2000 characters".
    const named = /^(\w+): (.+)$/s.exec(messageOf(failure));
    if (problems.length === 0 && named && FIELDS.includes(named[1] ?? ''))
      problems = [{ field: named[1] ?? '', reason: named[2] ?? '' }];
    box.dataset.code = code ?? '';
    return {
      heading: [
        h('strong', {}, t('exemptions.refused')),
        ' ',
        meaning && meaning !== `exemptionRefusal.${code}` ? `${meaning} ` : '',
      ],
      problems,
    };
  });
}
