import { PLACEMENT_AGENCY, main } from '@waspada/producer-kit';

main(PLACEMENT_AGENCY, process.argv, process.env);
