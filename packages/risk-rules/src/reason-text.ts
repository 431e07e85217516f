import type { ReferenceData } from '@waspada/domain';
import { CATALOGUES, formatMessage } from '@waspada/messages';
import type { Reason } from './rules';

/**
 * The Bahasa Indonesia text of a reason, for recipients that do not render message keys (agency
 * webhooks). Country names come from the reference data and days stay YYYY-MM-DD: nothing of the
 * machine's locale or ICU version enters an alert, so a replay writes the same bytes.
 */
export function reasonText(reason: Reason, reference: ReferenceData): string {
  return (
    formatMessage(CATALOGUES.id, reason.key, reason.params, {
      country: (code) => reference.countryName(code) ?? code,
      date: (day) => day,
    }) ?? reason.key
  );
}
