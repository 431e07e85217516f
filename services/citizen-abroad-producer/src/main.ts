import { CITIZEN_ABROAD_AGENCY, main } from '@waspada/producer-kit';

main(CITIZEN_ABROAD_AGENCY, process.argv, process.env);
