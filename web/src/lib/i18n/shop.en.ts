/** English strings of the shop pages (the Spanish twin is shop.es.ts). */
export const shopEn = {} as const;
