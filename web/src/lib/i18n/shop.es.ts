import type { shopEn } from './shop.en';

export const shopEs: Record<keyof typeof shopEn, string> = {};
