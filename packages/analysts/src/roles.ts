/**
 * - analyst: timelines and networks, NIKs masked;
 * - investigator: the same with full NIKs (UU PDP 27/2022: only those whose work needs them);
 * - supervisor: approves rule-set versions; NIKs masked;
 * - regency: an origin regency's office (`regencyCode`): the follow-up cases of people from its
 *   regency or assigned to it, and nothing else; NIKs masked.
 */
export const ANALYST_ROLES = ['analyst', 'investigator', 'supervisor', 'regency'] as const;
export type AnalystRole = (typeof ANALYST_ROLES)[number];

/**
 * Roles that see every person: what a dashboard route allows unless it names its roles, and who
 * may act on rule-set versions.
 */
export const NATIONAL_ROLES: readonly AnalystRole[] = ['analyst', 'investigator', 'supervisor'];
