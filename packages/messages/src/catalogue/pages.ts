import type { Mirror } from './mirror.js';

/** What every page shares: the language switch, and the operations dashboard. */
export const id = {
  'language.name': 'Bahasa Indonesia',
  'language.switch': 'Ganti bahasa',
} as const;

export const en: Mirror<typeof id> = {
  'language.name': 'English',
  'language.switch': 'Change language',
};
