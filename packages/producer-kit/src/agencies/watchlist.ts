import { CONTRACTS, type WatchlistEvent } from '@waspada/schemas';
import type { AgencyDefinition } from '../intake';

/** Watchlists of recruiters, sponsors, placement companies, phone numbers and accounts. */
export const WATCHLIST_AGENCY: AgencyDefinition<WatchlistEvent> = {
  service: 'watchlist-producer',
  contract: CONTRACTS.watchlist,
  sourceAgency: 'POLRI',
  sourceSystem: 'WATCHLIST',
  defaultPort: 18106,
  validate(event, context) {
    if (event.name === null && event.identifier === null) {
      context.errors.add('name', 'an entry needs a name or an identifier to be matched against');
    }
    if (
      event.entryType === 'PHONE_NUMBER' &&
      (event.identifier === null || !/^\+\d{8,15}$/.test(event.identifier))
    ) {
      context.errors.add('identifier', 'a phone number is written in E.164 form, like +6281234567890');
    }
    if (event.entryType === 'PLACEMENT_COMPANY' && event.licenceStatus === null) {
      context.errors.add('licenceStatus', 'is required for a PLACEMENT_COMPANY entry');
    }
  },
};
