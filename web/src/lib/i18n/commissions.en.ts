/** English strings of the commissions pages (the Spanish twin is commissions.es.ts). */
export const commissionsEn = {} as const;
