/** The public entry of @waspada/domain. */
export * from './nik';
export * from './reference/reference-data';
export * from './validation/field-error';
export * from './validation/checks';
