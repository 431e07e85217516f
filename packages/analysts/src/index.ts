export { ANALYST_ROLES, NATIONAL_ROLES, type AnalystRole } from './roles';
export {
  loadAnalysts,
  LOCAL_ANALYSTS_FILE,
  mayUnmaskNik,
  type Analyst,
  type AnalystDirectory,
} from './analyst-directory';
