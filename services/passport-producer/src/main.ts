import { PASSPORT_AGENCY, main } from '@waspada/producer-kit';

main(PASSPORT_AGENCY, process.argv, process.env);
