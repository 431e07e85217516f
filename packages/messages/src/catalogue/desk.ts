import type { Mirror } from './mirror.js';

export const id = {} as const;

export const en: Mirror<typeof id> = {};
