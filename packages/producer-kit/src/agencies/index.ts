export { PASSPORT_AGENCY } from './passport';
export { BORDER_CROSSING_AGENCY } from './border-crossing';
export { PLACEMENT_AGENCY } from './placement';
export { IDENTITY_AGENCY } from './identity';
export { CITIZEN_ABROAD_AGENCY } from './citizen-abroad';
export { WATCHLIST_AGENCY } from './watchlist';
