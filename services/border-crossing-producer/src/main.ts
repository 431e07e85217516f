import { BORDER_CROSSING_AGENCY, main } from '@waspada/producer-kit';

main(BORDER_CROSSING_AGENCY, process.argv, process.env);
