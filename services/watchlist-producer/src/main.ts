import { WATCHLIST_AGENCY, main } from '@waspada/producer-kit';

main(WATCHLIST_AGENCY, process.argv, process.env);
