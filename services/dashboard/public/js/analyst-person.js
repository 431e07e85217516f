import { byId, h } from './dom.js';
import { catalogueRuleIds, onLanguageChange, summaryText, symbolName, t } from './i18n.js';
import { analystGet, messageOf, severityBadge, signIn } from './analyst-session.js';
import {
  exemptedRulesBlock,
  exemptionRefusal,
  exemptionStatus,
  listExemptions,
  MAX_EXEMPTION_DAYS,
  periodText,
  proposeExemption,
  ruleLabel,
  stepsList,
  untilDays,
  validUntilOf,
} from './exemptions.js';

/**
 * @typedef {import('./api-types.js').PersonTimeline} PersonTimeline
 * @typedef {import('./api-types.js').Exemption} Exemption
 */

/** @param {string} id */
const input = (id) => byId(id, HTMLInputElement);

/** The timeline on the page, drawn again in the other language when the reader switches. */
/** @type {PersonTimeline | null} */
let shown = null;
onLanguageChange(() => {
  if (shown) show(shown);
  drawExemptions();
  drawRuleOptions();
  drawUntilHint();
  drawProposed();
});

/** @param {PersonTimeline} timeline */
function show(timeline) {
  shown = timeline;
  byId('person-nik').textContent = timeline.nik;
  const identity = timeline.identity;
  byId('identity').replaceChildren(
    ...(identity
      ? /** @type {[string, string | null][]} */ ([
          [t('analyst.person.name'), identity.fullName],
          [
            t('analyst.person.birthDate'),
            identity.birthDate ?? (timeline.nikMasked ? t('analyst.person.birthDateHidden') : null),
          ],
          [t('analyst.person.sex'), identity.sex && symbolName('sex', identity.sex)],
          [t('analyst.person.addressRegency'), identity.addressRegencyCode],
          [t('analyst.person.status'), symbolName('identityStatus', identity.status)],
        ]).flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value ?? '—')])
      : [h('dt', {}, t('analyst.person.identity')), h('dd', {}, t('analyst.person.noIdentity'))]),
  );
  byId('situations').replaceChildren(
    ...timeline.situations.map((situation) =>
      h(
        'li',
        {},
        severityBadge(situation.severity),
        ` ${situation.situation}`,
        situation.resolved ? t('analyst.person.resolved') : '',
        situation.ruleIds.length > 0 ? ` · ${situation.ruleIds.join(', ')}` : '',
      ),
    ),
  );
  byId('events').replaceChildren(
    ...timeline.events.map((event) =>
      h(
        'tr',
        { dataset: { kind: event.kind } },
        h('td', {}, h('time', { datetime: event.eventTime }, event.eventTime.replace('T', ' ').slice(0, 19))),
        h('td', {}, event.agency),
        h('td', {}, symbolName('personEvent', event.kind)),
        // An alert names the rules it left out under an approved exemption, once the server sends them.
        h('td', {}, summaryText(event), exemptedRulesBlock(event.exemptedRules)),
        h(
          'td',
          {},
          // An alert, or a desk action on one, leads to the network of that alert.
          event.alertId
            ? h(
                'a',
                { href: `/analyst/network?alert=${encodeURIComponent(event.alertId)}` },
                h('code', {}, event.eventId),
              )
            : h('code', {}, event.eventId),
        ),
      ),
    ),
  );
  byId('result').hidden = false;
}

/**
 * @param {string} path
 * @param {string | null} typedNik  the NIK the reader typed, when the timeline was asked for by it
 */
async function lookup(path, typedNik) {
  byId('lookup-error').hidden = true;
  try {
    const timeline = /** @type {PersonTimeline} */ (await analystGet(path));
    show(timeline);
    // The exemptions go by the whole NIK: the one typed, or the timeline's when the role sees it.
    openExemptions(timeline.nikMasked ? typedNik : timeline.nik);
  } catch (error) {
    byId('result').hidden = true;
    byId('lookup-error').textContent = messageOf(error);
    byId('lookup-error').hidden = false;
  }
}

/*
 * The person's exemptions: the list (every one of them, newest first) and the form that proposes
 * one. A supervisor other than the proposer decides on the rules page.
 */

/** The NIK the exemptions are of; null when the page does not know it (a masked timeline from an alert). */
/** @type {string | null} */
let exemptionNik = null;
/** @type {Exemption[] | null} */
let exemptions = null;
/** @type {unknown} */
let exemptionFailure;
/** The rule of the proposal just made, said under the form until the next. */
/** @type {string | null} */
let proposedRule = null;

const ruleSelect = () => byId('exemption-rule', HTMLSelectElement);
const reasonInput = () => byId('exemption-reason', HTMLTextAreaElement);
const refusal = exemptionRefusal(byId('exemption-error'), {
  ruleId: { input: ruleSelect(), label: 'exemptions.rule' },
  validUntil: { input: input('exemption-until'), label: 'exemptions.until' },
  validFrom: { input: input('exemption-until'), label: 'exemptions.period' },
  reason: { input: reasonInput(), label: 'exemptions.reason' },
});

/** @param {string | null} nik */
function openExemptions(nik) {
  exemptionNik = nik && /^\d{16}$/.test(nik) ? nik : null;
  exemptions = null;
  exemptionFailure = undefined;
  byId('exemption-need-nik').hidden = exemptionNik !== null;
  byId('exemption-body').hidden = exemptionNik === null;
  refusal.clear();
  proposedRule = null;
  drawProposed();
  const until = untilDays();
  const day = input('exemption-until');
  day.min = until.min;
  day.max = until.max;
  day.value = until.value;
  reasonInput().value = '';
  drawRuleOptions(true);
  drawUntilHint();
  drawExemptions();
  if (exemptionNik) void loadExemptions();
}

async function loadExemptions() {
  const nik = exemptionNik;
  if (!nik) return;
  try {
    const list = await listExemptions({ nik });
    if (nik !== exemptionNik) return;
    exemptions = list;
    exemptionFailure = undefined;
  } catch (failure) {
    exemptionFailure = failure;
  }
  drawExemptions();
}

function drawExemptions() {
  const body = byId('exemption-list');
  /** @param {string} text */
  const note = (text, className = '') => [h('tr', {}, h('td', { colspan: 5, className }, text))];
  if (exemptionFailure !== undefined) body.replaceChildren(...note(messageOf(exemptionFailure), 'error'));
  else if (!exemptions) body.replaceChildren();
  else if (exemptions.length === 0) body.replaceChildren(...note(t('exemptions.none')));
  else
    body.replaceChildren(
      ...exemptions.map((exemption) =>
        h(
          'tr',
          {
            dataset: { exemption: exemption.exemptionId, status: exemption.status, ruleId: exemption.ruleId },
          },
          h('td', {}, ruleLabel(exemption.ruleId)),
          h('td', {}, exemptionStatus(exemption)),
          h('td', {}, periodText(exemption)),
          h('td', { className: 'exemption-reason' }, exemption.reason),
          h('td', {}, stepsList(exemption)),
        ),
      ),
    );
}

/** The rules that fired for the person: in its situations and on its alerts' lines. */
function firedRuleIds() {
  const fired = new Set(shown?.situations.flatMap((situation) => situation.ruleIds) ?? []);
  for (const event of shown?.events ?? [])
    for (const part of event.summaryParts ?? [])
      if (part.key === 'timeline.rules')
        for (const ruleId of (part.params.rules ?? '').split(',')) if (ruleId) fired.add(ruleId);
  return [...fired].sort();
}

/**
 * The rule choices: those that fired for the person first, then every rule.
 * @param {boolean} [fresh]  a new person: the first rule that fired is chosen
 */
function drawRuleOptions(fresh = false) {
  const select = ruleSelect();
  const chosen = select.value;
  const fired = firedRuleIds();
  /** @param {string} ruleId */
  const option = (ruleId) => h('option', { value: ruleId }, ruleLabel(ruleId));
  select.replaceChildren(
    ...(fired.length > 0 ? [h('optgroup', { label: t('exemptions.firedRules') }, ...fired.map(option))] : []),
    h('optgroup', { label: t('exemptions.allRules') }, ...catalogueRuleIds().map(option)),
  );
  if (!fresh && chosen) select.value = chosen;
}

function drawProposed() {
  const done = byId('exemption-done');
  done.hidden = proposedRule === null;
  done.textContent = proposedRule === null ? '' : t('exemptions.proposed', { rule: proposedRule });
}

function drawUntilHint() {
  byId('exemption-until-hint').textContent = t('exemptions.untilHint', { maxDays: MAX_EXEMPTION_DAYS });
}

/** @param {SubmitEvent} event */
async function propose(event) {
  event.preventDefault();
  const nik = exemptionNik;
  if (!nik) return;
  const button = byId('exemption-propose', HTMLButtonElement);
  button.disabled = true;
  proposedRule = null;
  drawProposed();
  const ruleId = ruleSelect().value;
  try {
    await proposeExemption({
      nik,
      ruleId,
      validUntil: validUntilOf(input('exemption-until').value),
      reason: reasonInput().value.trim(),
    });
    refusal.clear();
    reasonInput().value = '';
    proposedRule = ruleId;
    drawProposed();
    await loadExemptions();
  } catch (failure) {
    refusal.show(failure);
  } finally {
    button.disabled = false;
  }
}

byId('exemption-form').addEventListener('submit', (event) => void propose(event));

await signIn();

// From the network page: the person behind an alert, whose NIK the page never saw.
const alertId = new URLSearchParams(location.search).get('alert');
if (alertId) {
  input('nik').required = false;
  input('nik').placeholder = t('analyst.person.ofAlert', { alert: alertId });
}

byId('lookup').addEventListener('submit', (event) => {
  event.preventDefault();
  const reason = encodeURIComponent(input('reason').value.trim());
  const nik = input('nik').value.trim();
  if (nik === '' && alertId)
    void lookup(`/api/analyst/alerts/${encodeURIComponent(alertId)}/timeline?reason=${reason}`, null);
  else void lookup(`/api/analyst/persons/${encodeURIComponent(nik)}/timeline?reason=${reason}`, nik);
});
