import type { commissionsEn } from './commissions.en';

export const commissionsEs: Record<keyof typeof commissionsEn, string> = {};
