export { PASSPORT_AGENCY } from './passport';
export { BORDER_CROSSING_AGENCY } from './border-crossing';
export { PLACEMENT_AGENCY } from './placement';
export { IDENTITY_AGENCY } from './identity';
export { CITIZEN_ABROAD_AGENCY } from './citizen-abroad';
export { WATCHLIST_AGENCY } from './watchlist';

import type { AgencyDefinition } from '../intake';
import { BORDER_CROSSING_AGENCY } from './border-crossing';
import { CITIZEN_ABROAD_AGENCY } from './citizen-abroad';
import { IDENTITY_AGENCY } from './identity';
import { PASSPORT_AGENCY } from './passport';
import { PLACEMENT_AGENCY } from './placement';
import { WATCHLIST_AGENCY } from './watchlist';

/** Every agency producer, by the name the simulator and tests use for its feed. */
export const AGENCIES: Readonly<
  Record<
    'passport' | 'borderCrossing' | 'placement' | 'identity' | 'citizenAbroad' | 'watchlist',
    AgencyDefinition<never>
  >
> = {
  passport: PASSPORT_AGENCY,
  borderCrossing: BORDER_CROSSING_AGENCY,
  placement: PLACEMENT_AGENCY,
  identity: IDENTITY_AGENCY,
  citizenAbroad: CITIZEN_ABROAD_AGENCY,
  watchlist: WATCHLIST_AGENCY,
} as const;
