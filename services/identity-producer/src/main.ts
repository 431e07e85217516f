import { IDENTITY_AGENCY, main } from '@waspada/producer-kit';

main(IDENTITY_AGENCY, process.argv, process.env);
