/**
 * The review of exemptions on the rules page: those awaiting approval and those approved by
 * default (or one status), with what the signed-in analyst may do about each. A supervisor other
 * than the proposer approves; a supervisor rejects; a supervisor or the proposer revokes. Rejecting
 * and revoking ask a reason in the row itself. The server checks every step again: the buttons
 * only leave out what cannot work.
 */
import { byId, h } from './dom.js';
import { onLanguageChange, symbolName, t } from './i18n.js';
import { messageOf } from './analyst-session.js';
import {
  decideExemption,
  exemptionRefusal,
  exemptionStatus,
  listExemptions,
  periodText,
  ruleLabel,
  stepsList,
} from './exemptions.js';

/**
 * @typedef {import('./api-types.js').Exemption} Exemption
 * @typedef {import('./api-types.js').ExemptionStatus} ExemptionStatus
 * @typedef {import('./api-types.js').AnalystMe} AnalystMe
 */

/** @type {ExemptionStatus[]} */
const STATUSES = ['PROPOSED', 'APPROVED', 'REJECTED', 'REVOKED'];

/**
 * Draws the review into the page's #exemption-review and reads the list.
 * @param {AnalystMe} me
 */
export function startExemptionReview(me) {
  const supervisor = me.roles.includes('supervisor');
  const filter = byId('exemption-filter', HTMLSelectElement);
  const refusal = exemptionRefusal(byId('exemption-error'));
  /** @type {Exemption[] | null} */
  let list = null;
  /** @type {unknown} */
  let failure;
  /** The row asking a reason: which exemption, which step, what is typed so far. */
  /** @type {{ id: string, step: 'reject' | 'revoke', text: string } | null} */
  let asking = null;
  let busy = false;

  function drawFilter() {
    const chosen = filter.value;
    filter.replaceChildren(
      h('option', { value: '' }, t('exemptions.filterOpen')),
      ...STATUSES.map((status) => h('option', { value: status }, symbolName('exemptionStatus', status))),
    );
    filter.value = chosen;
  }

  async function load() {
    const status = /** @type {ExemptionStatus | ''} */ (filter.value);
    try {
      // Two reads rather than all and a filter here: only what is shown goes on the access trail.
      const lists = await Promise.all(
        status
          ? [listExemptions({ status })]
          : [listExemptions({ status: 'PROPOSED' }), listExemptions({ status: 'APPROVED' })],
      );
      list = lists
        .flat()
        .sort((a, b) => (b.steps[0]?.stepTime ?? '').localeCompare(a.steps[0]?.stepTime ?? ''));
      failure = undefined;
    } catch (error) {
      failure = error;
    }
    draw();
  }

  /**
   * @param {string} id
   * @param {'approve' | 'reject' | 'revoke'} step
   * @param {string} [reason]
   */
  async function decide(id, step, reason) {
    if (busy) return;
    busy = true;
    refusal.clear();
    try {
      await decideExemption(id, step, reason);
      asking = null;
      await load();
    } catch (error) {
      refusal.show(error);
    } finally {
      busy = false;
    }
  }

  /** @param {Exemption} exemption */
  function actions(exemption) {
    const id = exemption.exemptionId;
    const open = exemption.status === 'PROPOSED' || exemption.status === 'APPROVED';
    const mayApprove = supervisor && exemption.status === 'PROPOSED' && exemption.proposedBy !== me.id;
    const mayReject = supervisor && exemption.status === 'PROPOSED';
    const mayRevoke = open && (supervisor || exemption.proposedBy === me.id);
    if (asking?.id === id) {
      const ask = asking;
      const why = h('input', {
        className: 'exemption-why',
        dataset: { testid: 'exemption-why' },
        maxlength: 2000,
        value: ask.text,
        oninput: (/** @type {Event} */ event) => {
          ask.text = /** @type {HTMLInputElement} */ (event.target).value;
        },
      });
      const confirm = () => void decide(id, ask.step, ask.text.trim());
      why.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') confirm();
      });
      return h(
        'div',
        { className: 'exemption-ask' },
        h(
          'label',
          {},
          h('span', {}, t(ask.step === 'reject' ? 'exemptions.whyReject' : 'exemptions.whyRevoke')),
          ' ',
          why,
        ),
        h(
          'button',
          {
            type: 'button',
            className: 'primary',
            dataset: { testid: 'exemption-confirm', exemptionConfirm: id },
            onclick: confirm,
          },
          t(ask.step === 'reject' ? 'exemptions.confirmReject' : 'exemptions.confirmRevoke'),
        ),
        h(
          'button',
          {
            type: 'button',
            onclick: () => {
              asking = null;
              refusal.clear();
              draw();
            },
          },
          t('exemptions.cancel'),
        ),
      );
    }
    /**
     * @param {'reject' | 'revoke'} step
     */
    const ask = (step) => () => {
      asking = { id, step, text: '' };
      refusal.clear();
      draw();
      const field = byId('exemption-list').querySelector(`[data-exemption="${CSS.escape(id)}"] input`);
      if (field instanceof HTMLInputElement) field.focus();
    };
    return h(
      'div',
      { className: 'exemption-buttons' },
      mayApprove
        ? h(
            'button',
            {
              type: 'button',
              className: 'primary',
              dataset: { exemptionApprove: id },
              onclick: () => void decide(id, 'approve'),
            },
            t('exemptions.approve'),
          )
        : null,
      mayReject
        ? h(
            'button',
            { type: 'button', dataset: { exemptionReject: id }, onclick: ask('reject') },
            t('exemptions.reject'),
          )
        : null,
      mayRevoke
        ? h(
            'button',
            { type: 'button', dataset: { exemptionRevoke: id }, onclick: ask('revoke') },
            t('exemptions.revoke'),
          )
        : null,
    );
  }

  function draw() {
    const body = byId('exemption-list');
    /** @param {string} text */
    const note = (text, className = '') => [h('tr', {}, h('td', { colspan: 7, className }, text))];
    if (failure !== undefined) {
      body.replaceChildren(...note(messageOf(failure), 'error'));
      return;
    }
    if (!list) {
      body.replaceChildren();
      return;
    }
    if (list.length === 0) {
      body.replaceChildren(...note(t(filter.value ? 'exemptions.noneOfStatus' : 'exemptions.noneOpen')));
      return;
    }
    body.replaceChildren(
      ...list.map((exemption) =>
        h(
          'tr',
          {
            dataset: {
              exemption: exemption.exemptionId,
              status: exemption.status,
              inForce: String(exemption.inForce),
              ruleId: exemption.ruleId,
            },
          },
          h('td', {}, h('code', {}, exemption.nik)),
          h('td', {}, ruleLabel(exemption.ruleId)),
          h('td', {}, exemptionStatus(exemption)),
          h('td', {}, periodText(exemption)),
          h('td', { className: 'exemption-reason' }, exemption.reason),
          h('td', {}, stepsList(exemption)),
          h('td', {}, actions(exemption)),
        ),
      ),
    );
  }

  filter.addEventListener('change', () => {
    asking = null;
    refusal.clear();
    void load();
  });
  byId('exemption-filter-form').addEventListener('submit', (event) => event.preventDefault());
  onLanguageChange(() => {
    drawFilter();
    draw();
  });
  drawFilter();
  return { refresh: load };
}
