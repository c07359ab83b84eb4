import type { Category, Product, Quality } from '../catalog/product.js';
import type { TaxRateRow } from '../orders/tax.js';
import type { ShippingRule } from '../orders/shipping.js';

/** A wellness company's catalog: supplements, nutrition, skin care, kits. Prices per market with PV and CV. */
export const DEMO_CATEGORIES: Category[] = [
  { code: 'supplements', name: { en: 'Supplements', es: 'Suplementos' }, sort: 1 },
  { code: 'nutrition', name: { en: 'Nutrition', es: 'Nutrición' }, sort: 2 },
  { code: 'skin-care', name: { en: 'Skin care', es: 'Cuidado de la piel' }, sort: 3 },
  { code: 'home', name: { en: 'Home', es: 'Hogar' }, sort: 4 },
  { code: 'kits', name: { en: 'Kits', es: 'Kits' }, sort: 5 },
];

export const DEMO_QUALITIES: Quality[] = [
  { code: 'vegan', name: { en: 'Vegan', es: 'Vegano' } },
  { code: 'gluten-free', name: { en: 'Gluten free', es: 'Sin gluten' } },
  { code: 'organic', name: { en: 'Organic', es: 'Orgánico' } },
  { code: 'non-gmo', name: { en: 'Non-GMO', es: 'Sin OGM' } },
  { code: 'sugar-free', name: { en: 'Sugar free', es: 'Sin azúcar' } },
  { code: 'best-seller', name: { en: 'Best seller', es: 'Más vendido' } },
];

type Seed = [
  sku: string,
  en: string,
  es: string,
  category: string,
  qualities: string[],
  usd: number,
  pv: number,
  grams: number,
];

const ITEMS: Seed[] = [
  [
    'VIT-DAILY',
    'Daily Multivitamin',
    'Multivitamínico diario',
    'supplements',
    ['vegan', 'non-gmo', 'best-seller'],
    3495,
    30,
    250,
  ],
  ['OMEGA-3', 'Omega-3 Fish Oil', 'Omega-3 de aceite de pescado', 'supplements', ['non-gmo'], 2995, 25, 300],
  [
    'PROBIO-20',
    'Probiotic 20 Billion',
    'Probiótico 20 mil millones',
    'supplements',
    ['vegan', 'gluten-free'],
    3995,
    35,
    120,
  ],
  ['VIT-D3K2', 'Vitamin D3 + K2', 'Vitamina D3 + K2', 'supplements', ['vegan'], 1995, 15, 100],
  ['MAG-CALM', 'Magnesium Calm', 'Magnesio Calma', 'supplements', ['vegan', 'sugar-free'], 2495, 20, 200],
  [
    'COLLAGEN',
    'Collagen Peptides',
    'Péptidos de colágeno',
    'supplements',
    ['gluten-free', 'best-seller'],
    4495,
    40,
    450,
  ],
  [
    'SHAKE-VAN',
    'Protein Shake Vanilla',
    'Batido de proteína vainilla',
    'nutrition',
    ['gluten-free', 'best-seller'],
    4995,
    45,
    900,
  ],
  [
    'SHAKE-CHOC',
    'Protein Shake Chocolate',
    'Batido de proteína chocolate',
    'nutrition',
    ['gluten-free'],
    4995,
    45,
    900,
  ],
  ['GREENS', 'Super Greens Powder', 'Polvo de súper verdes', 'nutrition', ['vegan', 'organic'], 3995, 35, 400],
  ['FIBER', 'Daily Fiber', 'Fibra diaria', 'nutrition', ['vegan', 'sugar-free'], 2295, 18, 350],
  ['BAR-12', 'Protein Bars (12)', 'Barras de proteína (12)', 'nutrition', ['gluten-free'], 2995, 22, 720],
  ['TEA-DETOX', 'Herbal Cleanse Tea', 'Té herbal depurativo', 'nutrition', ['organic', 'vegan'], 1795, 12, 150],
  ['SERUM-C', 'Vitamin C Serum', 'Sérum de vitamina C', 'skin-care', ['vegan'], 3895, 30, 80],
  ['CREAM-NIGHT', 'Night Renewal Cream', 'Crema renovadora de noche', 'skin-care', ['best-seller'], 4295, 35, 120],
  ['CLEANSER', 'Gentle Cleanser', 'Limpiador suave', 'skin-care', ['vegan'], 1995, 15, 200],
  ['SPF-50', 'Daily Sunscreen SPF 50', 'Protector solar diario FPS 50', 'skin-care', [], 2495, 18, 100],
  ['CLEAN-ALL', 'All-Purpose Cleaner', 'Limpiador multiusos', 'home', ['vegan'], 1495, 8, 800],
  ['LAUNDRY', 'Laundry Concentrate', 'Detergente concentrado', 'home', ['vegan'], 2195, 12, 1200],
  ['DIFFUSER', 'Aroma Diffuser', 'Difusor de aromas', 'home', [], 5995, 30, 600],
];

/** Prices are set in USD cents; other markets convert with a rounded rate, CV is 80 % of the price. */
const MARKETS: { code: string; currency: 'USD' | 'MXN' | 'CAD'; rate: number }[] = [
  { code: 'US', currency: 'USD', rate: 1 },
  { code: 'MX', currency: 'MXN', rate: 18 },
  { code: 'CA', currency: 'CAD', rate: 1.35 },
];

function offers(usdCents: number, pv: number) {
  return Object.fromEntries(
    MARKETS.map((m) => {
      const price = Math.round((usdCents * m.rate) / 100) * 100 - (m.code === 'US' ? 0 : 5);
      return [
        m.code,
        {
          price: { amount: m.code === 'US' ? usdCents : price, currency: m.currency },
          pv,
          cv: Math.floor((usdCents * 80) / 100),
        },
      ];
    }),
  );
}

export function demoProducts(now: string): Product[] {
  const products: Product[] = ITEMS.map(([sku, en, es, category, qualities, usd, pv, grams]) => ({
    sku,
    name: { en, es },
    description: {
      en: `${en}: part of the Arbor daily wellness line.`,
      es: `${es}: parte de la línea de bienestar diario Arbor.`,
    },
    categories: [category],
    qualities,
    images: [],
    markets: offers(usd, pv),
    active: true,
    autoshipEligible: true,
    weightGrams: grams,
    createdAt: now,
    updatedAt: now,
    version: 1,
  }));
  products.push(
    {
      sku: 'KIT-START',
      name: { en: 'Starter Kit', es: 'Kit de inicio' },
      description: {
        en: 'Everything a new partner needs to share the products.',
        es: 'Todo lo que un nuevo socio necesita para compartir los productos.',
      },
      categories: ['kits'],
      qualities: ['best-seller'],
      images: [],
      markets: offers(9995, 100),
      active: true,
      autoshipEligible: false,
      weightGrams: 2500,
      kit: [
        { sku: 'VIT-DAILY', quantity: 1 },
        { sku: 'SHAKE-VAN', quantity: 1 },
        { sku: 'SERUM-C', quantity: 1 },
      ],
      createdAt: now,
      updatedAt: now,
      version: 1,
    },
    {
      sku: 'OLD-DETOX',
      name: { en: '21-Day Detox (retired)', es: 'Detox de 21 días (descontinuado)' },
      description: { en: 'No longer sold.', es: 'Ya no se vende.' },
      categories: ['nutrition'],
      qualities: [],
      images: [],
      markets: offers(5995, 50),
      active: false,
      autoshipEligible: false,
      weightGrams: 700,
      createdAt: now,
      updatedAt: now,
      version: 1,
    },
  );
  return products;
}

export const DEMO_SHIPPING: ShippingRule[] = [
  {
    market: 'US',
    flat: { amount: 699, currency: 'USD' },
    perKg: { amount: 100, currency: 'USD' },
    freeOver: { amount: 15000, currency: 'USD' },
  },
  {
    market: 'MX',
    flat: { amount: 9900, currency: 'MXN' },
    perKg: { amount: 1500, currency: 'MXN' },
    freeOver: { amount: 250000, currency: 'MXN' },
  },
  {
    market: 'CA',
    flat: { amount: 999, currency: 'CAD' },
    perKg: { amount: 150, currency: 'CAD' },
    freeOver: { amount: 20000, currency: 'CAD' },
  },
];

/** A few rows per market; real companies load their provider's table or plug in a provider. */
export const DEMO_TAX_TABLE: TaxRateRow[] = [
  { country: 'US', rateBp: 0, taxShipping: false },
  { country: 'US', region: 'TX', rateBp: 625, taxShipping: false },
  { country: 'US', region: 'TX', postalPrefix: '787', rateBp: 825, taxShipping: false },
  { country: 'US', region: 'FL', rateBp: 600, taxShipping: false },
  { country: 'US', region: 'CA', rateBp: 725, taxShipping: false },
  { country: 'US', region: 'CA', postalPrefix: '90', rateBp: 950, taxShipping: false },
  { country: 'US', region: 'UT', rateBp: 610, taxShipping: false },
  { country: 'US', region: 'AZ', rateBp: 560, taxShipping: false },
  { country: 'US', region: 'GA', rateBp: 400, taxShipping: false },
  { country: 'US', region: 'NY', rateBp: 400, taxShipping: true },
  { country: 'US', region: 'NY', postalPrefix: '10', rateBp: 887, taxShipping: true },
  { country: 'MX', rateBp: 1600, taxShipping: true },
  { country: 'CA', rateBp: 500, taxShipping: true },
  { country: 'CA', region: 'ON', rateBp: 1300, taxShipping: true },
  { country: 'CA', region: 'BC', rateBp: 1200, taxShipping: true },
];
