/** A departure scan at the Entikong land post as the border system sends it: valid as it stands. */
export const borderCrossingRecord = {
  nik: '6103055708030002',
  eventTime: '2026-11-23T08:15:00+07:00',
  direction: 'DEPARTURE',
  stage: 'PRE_CLEARANCE_SCAN',
  checkpointCode: 'PLBN-ENTIKONG',
  checkpointType: 'LAND',
  documentType: 'PASSPORT',
  documentNumber: 'E1234567',
  fullName: 'Siti Aminah',
  birthDate: '2003-08-17',
  sex: 'FEMALE',
  countryCode: 'MY',
};
