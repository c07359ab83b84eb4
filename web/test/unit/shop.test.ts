import { describe, expect, it, vi } from 'vitest';

// The real i18n module holds Svelte state; here `t` returns the key, so the tests see which message was chosen.
vi.mock('../../src/lib/i18n/index.svelte', async () => ({
  i18n: { locale: 'en' },
  t: (key: string) => key,
  hasMessage: (await import('./i18n-mock')).hasMessage,
}));

const { ApiError } = await import('../../src/lib/api');
const cartLib = await import('../../src/lib/shop/cart');
const { parseMoneyInput, moneyInputText, parseWholeNumber } = await import('../../src/lib/shop/money');
const { attemptFor, attemptSettled, classifyCheckoutError, fingerprintOf, newIdempotencyKey, sendUntilSettled } =
  await import('../../src/lib/shop/checkout');
const { filterProducts, groupByLetter, sortByName } = await import('../../src/lib/shop/catalog');
const { canCancel, canPay, canRefund, cardExpired, ordersHref, tenderParts, brandName } =
  await import('../../src/lib/shop/orders');
const { changedFields, chosenItems, daysUntil, runWorth } = await import('../../src/lib/shop/autoship');
const { productDraft, productInput } = await import('../../src/lib/shop/product-form');
const { validateCard, cardBody } = await import('../../src/lib/shop/cards');
const { chosenAddress, defaultSelection, selectionFor } = await import('../../src/lib/shop/addresses');

const product = (sku: string, en: string, es: string, extra: Record<string, unknown> = {}) => ({
  sku,
  name: { en, es },
  description: { en: `${en} description`, es: `${es} descripción` },
  categories: ['supplements'],
  qualities: ['vegan'],
  images: [],
  price: { amount: 1995, currency: 'USD' as const },
  pv: 15,
  cv: 1596,
  autoshipEligible: true,
  kit: null,
  ...extra,
});

describe('cart lines', () => {
  it('adds to an existing line, appends new ones and caps quantities at 999', () => {
    let items = cartLib.addItem([], 'VIT-D3K2', 2);
    items = cartLib.addItem(items, 'OMEGA-3', 1);
    items = cartLib.addItem(items, 'VIT-D3K2', 3);
    expect(items).toEqual([
      { sku: 'VIT-D3K2', quantity: 5 },
      { sku: 'OMEGA-3', quantity: 1 },
    ]);
    expect(cartLib.addItem(items, 'OMEGA-3', 5000)[1]).toEqual({ sku: 'OMEGA-3', quantity: 999 });
    expect(cartLib.addItem(items, 'FIBER', 0)).toEqual(items);
  });

  it('sets a quantity, removes a line at zero and adds many at once', () => {
    const items = [
      { sku: 'A1', quantity: 1 },
      { sku: 'B2', quantity: 2 },
    ];
    expect(cartLib.setQuantity(items, 'B2', 7)).toEqual([
      { sku: 'A1', quantity: 1 },
      { sku: 'B2', quantity: 7 },
    ]);
    expect(cartLib.setQuantity(items, 'A1', 0)).toEqual([{ sku: 'B2', quantity: 2 }]);
    expect(cartLib.setQuantity(items, 'A1', Number.NaN)).toEqual([{ sku: 'B2', quantity: 2 }]);
    expect(cartLib.addMany(items, { A1: 2, C3: 4, D4: 0 })).toEqual([
      { sku: 'A1', quantity: 3 },
      { sku: 'B2', quantity: 2 },
      { sku: 'C3', quantity: 4 },
    ]);
    expect(cartLib.unitCount(items)).toBe(3);
  });

  it('never holds more than 50 lines', () => {
    let items: { sku: string; quantity: number }[] = [];
    for (let i = 0; i < 60; i++) items = cartLib.addItem(items, `SKU-${i}`, 1);
    expect(items).toHaveLength(cartLib.MAX_LINES);
  });

  it('reads what localStorage held and drops whatever is malformed', () => {
    expect(cartLib.parseStoredCart(null)).toEqual({ items: [], buyer: null });
    expect(cartLib.parseStoredCart('not json')).toEqual({ items: [], buyer: null });
    const stored = JSON.stringify({
      items: [
        { sku: 'VIT-D3K2', quantity: 2 },
        { sku: 'VIT-D3K2', quantity: 1 },
        { sku: 'lower-case', quantity: 1 },
        { sku: 'FIBER', quantity: 1.5 },
        { sku: 'OMEGA-3', quantity: -1 },
        null,
        { sku: 'GREENS', quantity: 3 },
      ],
      buyer: { id: '1413', name: 'Brandon Edwards', market: 'US' },
    });
    expect(cartLib.parseStoredCart(stored)).toEqual({
      items: [
        { sku: 'VIT-D3K2', quantity: 3 },
        { sku: 'GREENS', quantity: 3 },
      ],
      buyer: { id: '1413', name: 'Brandon Edwards', market: 'US' },
    });
    expect(cartLib.parseStoredCart(JSON.stringify({ items: [], buyer: { id: 'x; drop', name: 1 } })).buyer).toBeNull();
  });

  it('keeps one cart per signed-in member', () => {
    expect(cartLib.cartStorageKey('1004')).not.toBe(cartLib.cartStorageKey('1413'));
  });

  it('estimates subtotal and PV in integer cents from the catalog', () => {
    const catalog = new Map([
      ['A1', { price: { amount: 1995 }, pv: 15 }],
      ['B2', { price: { amount: 10 }, pv: 1 }],
    ]);
    expect(
      cartLib.estimate(
        [
          { sku: 'A1', quantity: 3 },
          { sku: 'B2', quantity: 7 },
          { sku: 'GONE', quantity: 1 },
        ],
        catalog,
      ),
    ).toEqual({ subtotal: 5985 + 70, pv: 52, missing: ['GONE'] });
  });
});

describe('money typed by people', () => {
  it('parses decimals into exact minor units without float math', () => {
    expect(parseMoneyInput('34.95')).toBe(3495);
    expect(parseMoneyInput('0.29')).toBe(29);
    expect(parseMoneyInput('1.1')).toBe(110);
    expect(parseMoneyInput('12')).toBe(1200);
    expect(parseMoneyInput('12.')).toBe(1200);
    expect(parseMoneyInput(' 19,99 ')).toBe(1999);
    expect(parseMoneyInput('0')).toBe(0);
    expect(parseMoneyInput('1005.10')).toBe(100510);
    // 4.35 * 100 is 434.99999999999994 in floating point; the string way is exact.
    expect(parseMoneyInput('4.35')).toBe(435);
  });

  it('refuses what is not a plain amount', () => {
    for (const text of ['', ' ', '1.234', '-3', '1,000.00', '12a', '.5', '1e3', 'abc']) {
      expect(parseMoneyInput(text), text).toBeNull();
    }
  });

  it('shows stored amounts as decimals and reads whole numbers', () => {
    expect(moneyInputText(3495)).toBe('34.95');
    expect(moneyInputText(5)).toBe('0.05');
    expect(moneyInputText(0)).toBe('0.00');
    expect(moneyInputText(120000)).toBe('1200.00');
    expect(parseMoneyInput(moneyInputText(199))).toBe(199);
    expect(parseWholeNumber('250')).toBe(250);
    expect(parseWholeNumber('2.5')).toBeNull();
    expect(parseWholeNumber('')).toBeNull();
  });
});

describe('checkout attempts', () => {
  const body = { items: [{ sku: 'A1', quantity: 1 }], expectedTotal: 2500, payment: { paymentMethodId: 'card-1' } };
  let n = 0;
  const fresh = () => `key-${++n}`;

  it('reuses the key when the same order is sent again after no answer', () => {
    const first = attemptFor(null, body, fresh);
    const retry = attemptFor(first, { payment: { paymentMethodId: 'card-1' }, expectedTotal: 2500, items: body.items });
    expect(retry.key).toBe(first.key);
  });

  it('takes a new key when the order changed (another card, a new total)', () => {
    const first = attemptFor(null, body, fresh);
    expect(attemptFor(first, { ...body, payment: { paymentMethodId: 'card-2' } }, fresh).key).not.toBe(first.key);
    expect(attemptFor(first, { ...body, expectedTotal: 2600 }, fresh).key).not.toBe(first.key);
  });

  it('ends an attempt on a definitive answer, keeps it when the outcome is unknown', () => {
    expect(attemptSettled(new ApiError(402, 'card_declined', 'declined'))).toBe(true);
    expect(attemptSettled(new ApiError(409, 'price_changed', 'changed'))).toBe(true);
    expect(attemptSettled(new ApiError(422, 'cart_invalid', 'bad'))).toBe(true);
    expect(attemptSettled(new ApiError(502, 'http_error', 'Bad Gateway'))).toBe(false);
    expect(attemptSettled(new ApiError(408, 'timeout', 'timeout'))).toBe(false);
    expect(attemptSettled(new TypeError('Failed to fetch'))).toBe(false);
    // The same attempt is still being placed: its next submit must reuse the key, or it could order twice.
    expect(attemptSettled(new ApiError(409, 'request_in_progress', 'still placing'))).toBe(false);
    expect(classifyCheckoutError(new ApiError(409, 'request_in_progress', 'still placing')).kind).toBe('network');
  });

  it('sends the same attempt again while the server is still placing it, then answers its order', async () => {
    const waits: number[] = [];
    const answers = [
      new ApiError(409, 'request_in_progress', 'still placing', [], 2),
      new ApiError(409, 'request_in_progress', 'still placing'),
      { order: { id: '42' } },
    ];
    const send = vi.fn(async () => {
      const answer = answers.shift()!;
      if (answer instanceof ApiError) throw answer;
      return answer;
    });
    const placed = await sendUntilSettled(send, { wait: async (ms) => void waits.push(ms) });
    expect(placed).toEqual({ order: { id: '42' } });
    expect(send).toHaveBeenCalledTimes(3);
    expect(waits).toEqual([2000, 1000]);
  });

  it('gives a definitive answer back at once, and stops resending after its tries', async () => {
    const declined = new ApiError(402, 'card_declined', 'declined');
    const once = vi.fn(async () => Promise.reject(declined));
    await expect(sendUntilSettled(once, { wait: async () => undefined })).rejects.toBe(declined);
    expect(once).toHaveBeenCalledTimes(1);
    const busy = vi.fn(async () => Promise.reject(new ApiError(409, 'request_in_progress', 'still placing')));
    await expect(sendUntilSettled(busy, { tries: 3, wait: async () => undefined })).rejects.toMatchObject({
      code: 'request_in_progress',
    });
    expect(busy).toHaveBeenCalledTimes(3);
  });

  it('makes v4 UUIDs even without randomUUID', () => {
    const key = newIdempotencyKey({ getRandomValues: <T extends ArrayBufferView | null>(a: T) => a });
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(fingerprintOf({ b: 1, a: { d: 2, c: 3 } })).toBe(fingerprintOf({ a: { c: 3, d: 2 }, b: 1 }));
  });

  it('says what each checkout error means', () => {
    expect(classifyCheckoutError(new ApiError(402, 'insufficient_funds', 'x'))).toEqual({
      kind: 'declined',
      code: 'insufficient_funds',
    });
    expect(
      classifyCheckoutError(
        new ApiError(409, 'price_changed', 'x', [
          { field: 'body.expectedTotal', rule: 'price_changed', message: 'body.expectedTotal: the total is now 7165' },
        ]),
      ),
    ).toEqual({ kind: 'price_changed', total: 7165 });
    expect(
      classifyCheckoutError(
        new ApiError(422, 'cart_invalid', 'x', [
          { field: 'body.items.1.sku', rule: 'inactive', message: 'gone' },
          { field: 'body.items.3.sku', rule: 'not_in_market', message: 'not here' },
        ]),
      ),
    ).toEqual({
      kind: 'cart_invalid',
      lines: [
        { index: 1, rule: 'inactive' },
        { index: 3, rule: 'not_in_market' },
      ],
    });
    expect(
      classifyCheckoutError(
        new ApiError(422, 'address_not_rateable', 'x', [
          { field: 'body.shippingAddress.postalCode', rule: 'address_not_rateable', message: 'no rate' },
        ]),
      ),
    ).toEqual({ kind: 'address', field: 'postalCode', rule: 'address_not_rateable' });
    expect(
      classifyCheckoutError(
        new ApiError(422, 'gift_card_currency', 'x', [
          { field: 'body.giftCards.1', rule: 'gift_card_currency', message: 'MXN' },
        ]),
      ),
    ).toEqual({ kind: 'gift_card', index: 1, rule: 'gift_card_currency' });
    expect(classifyCheckoutError(new TypeError('Failed to fetch'))).toEqual({ kind: 'network' });
    expect(classifyCheckoutError(new ApiError(500, 'internal', 'x')).kind).toBe('network');
  });
});

describe('catalog browsing', () => {
  const items = [
    product('OMEGA-3', 'Omega-3 Fish Oil', 'Omega-3 de aceite de pescado', { qualities: ['non-gmo'] }),
    product('CLEAN-ALL', 'All-Purpose Cleaner', 'Limpiador multiusos', { categories: ['home'] }),
    product('GREENS', 'Super Greens Powder', 'Polvo de súper verdes', { qualities: ['organic', 'vegan'] }),
  ];

  it('filters by category, quality and words in either language, accents ignored', () => {
    expect(filterProducts(items, { category: 'home' }, 'en').map((p) => p.sku)).toEqual(['CLEAN-ALL']);
    expect(filterProducts(items, { quality: 'organic' }, 'en').map((p) => p.sku)).toEqual(['GREENS']);
    expect(filterProducts(items, { query: 'super verdes' }, 'en').map((p) => p.sku)).toEqual(['GREENS']);
    expect(filterProducts(items, { query: 'SUPER' }, 'es').map((p) => p.sku)).toEqual(['GREENS']);
    expect(filterProducts(items, { query: 'omega-3' }, 'en').map((p) => p.sku)).toEqual(['OMEGA-3']);
  });

  it('sorts and groups A to Z by the name in the member’s language', () => {
    expect(sortByName(items, 'en').map((p) => p.sku)).toEqual(['CLEAN-ALL', 'OMEGA-3', 'GREENS']);
    expect(groupByLetter(items, 'es').map((g) => g.letter)).toEqual(['L', 'O', 'P']);
    expect(groupByLetter([product('X1', 'Órgano', 'Órgano')], 'es')[0]!.letter).toBe('O');
  });
});

describe('orders', () => {
  const line = { quantity: 3, refundedQuantity: 1 };

  it('allows actions by status', () => {
    expect(canCancel({ status: 'paid' })).toBe(true);
    expect(canCancel({ status: 'shipped' })).toBe(false);
    expect(canPay({ status: 'declined' })).toBe(true);
    expect(canPay({ status: 'paid' })).toBe(false);
    expect(canRefund({ status: 'delivered', lines: [line] as never })).toBe(true);
    expect(canRefund({ status: 'delivered', lines: [{ quantity: 1, refundedQuantity: 1 }] as never })).toBe(false);
    expect(canRefund({ status: 'open', lines: [line] as never })).toBe(false);
  });

  it('reads tender labels and card expiry', () => {
    expect(tenderParts('visa ••••4242')).toEqual({ brand: 'visa', last4: '4242' });
    expect(tenderParts('Gift card ••••0025')).toEqual({ brand: 'Gift card', last4: '0025' });
    expect(brandName('mastercard')).toBe('Mastercard');
    const today = new Date(2026, 10, 23);
    expect(cardExpired({ expMonth: 11, expYear: 2026 }, today)).toBe(false);
    expect(cardExpired({ expMonth: 10, expYear: 2026 }, today)).toBe(true);
    expect(cardExpired({ expMonth: 1, expYear: 2027 }, today)).toBe(false);
  });

  it('links the list by tab and member', () => {
    expect(ordersHref('', null)).toBe('/orders');
    expect(ordersHref('returned', '1413')).toBe('/orders?status=returned&member=1413');
  });
});

describe('smart orders', () => {
  it('counts days to a run date and its worth at catalog prices', () => {
    expect(daysUntil('2026-12-03', new Date(2026, 10, 23, 22))).toBe(10);
    expect(daysUntil('2026-11-23', new Date(2026, 10, 23, 1))).toBe(0);
    const catalog = new Map([['A1', { price: { amount: 2495, currency: 'USD' as const }, pv: 20 }]]);
    expect(runWorth([{ sku: 'A1', quantity: 2 }], catalog)).toEqual({ subtotal: 4990, pv: 40, unknown: [] });
  });

  it('keeps the chosen quantities and sends only what changed', () => {
    expect(chosenItems({ A1: 2, B2: 0, C3: null, D4: 250 })).toEqual([
      { sku: 'A1', quantity: 2 },
      { sku: 'D4', quantity: 99 },
    ]);
    const address = { line1: '1 Main', city: 'Austin', region: 'TX', postalCode: '73301', country: 'US' };
    const before = {
      items: [{ sku: 'A1', quantity: 2 }],
      dayOfMonth: 3,
      paymentMethodId: 'card-1',
      shippingAddress: { country: 'US', region: 'TX', city: 'Austin', line1: '1 Main', postalCode: '73301' },
    } as never;
    expect(
      changedFields(before, {
        items: [{ sku: 'A1', quantity: 2 }],
        dayOfMonth: 10,
        paymentMethodId: 'card-1',
        shippingAddress: address,
      }),
    ).toEqual({ dayOfMonth: 10 });
  });
});

describe('addresses to ship to', () => {
  const residence = { line1: '5023 Lake Rd', city: 'Albany', region: 'NY', postalCode: '10618', country: 'US' };
  const office = { ...residence, line1: '1 Office Park', id: 'd1', label: 'Office', isDefault: true };

  it('starts with the default delivery address, else the residence, else a new one', () => {
    expect(defaultSelection({ address: residence, deliveryAddresses: [office] }, 'US').choice).toBe('delivery:d1');
    expect(defaultSelection({ address: residence, deliveryAddresses: [] }, 'US').choice).toBe('residence');
    expect(defaultSelection(null, 'US').choice).toBe('new');
  });

  it('gives the API the postal fields only, and nothing for an incomplete new address', () => {
    const known = { address: residence, deliveryAddresses: [office] };
    expect(chosenAddress({ choice: 'delivery:d1', draft: {} as never }, known)).toEqual({
      line1: '1 Office Park',
      city: 'Albany',
      region: 'NY',
      postalCode: '10618',
      country: 'US',
    });
    const draft = { line1: 'x', line2: '', city: '', region: 'TX', postalCode: '73301', country: 'US' };
    expect(chosenAddress({ choice: 'new', draft }, known)).toBeNull();
    expect(selectionFor(residence, known, 'US').choice).toBe('residence');
    expect(selectionFor({ ...residence, line1: 'Elsewhere 9' }, known, 'US').choice).toBe('new');
  });
});

describe('card form', () => {
  it('checks the fields and refuses an expired card', () => {
    const today = new Date(2026, 10, 23);
    const good = { number: '4242 4242 4242 4242', holder: 'Ana', expMonth: '12', expYear: '2027', cvc: '123' };
    expect(validateCard(good, today)).toEqual({});
    expect(cardBody(good)).toEqual({
      number: '4242424242424242',
      holder: 'Ana',
      expMonth: 12,
      expYear: 2027,
      cvc: '123',
    });
    expect(Object.keys(validateCard({ ...good, number: '42', cvc: '1', holder: ' ' }, today)).sort()).toEqual([
      'cvc',
      'holder',
      'number',
    ]);
    expect(validateCard({ ...good, expMonth: '10', expYear: '2026' }, today)).toEqual({
      expYear: 'card.error.expired',
    });
  });
});

describe('admin product form', () => {
  const markets = [
    { code: 'US', name: 'United States', currency: 'USD' as const, language: 'en' as const },
    { code: 'MX', name: 'México', currency: 'MXN' as const, language: 'es' as const },
  ];
  const stored = {
    sku: 'MAG-CALM',
    name: { en: 'Magnesium Calm', es: 'Magnesio Calma' },
    description: { en: '', es: '' },
    categories: ['supplements'],
    qualities: ['vegan'],
    images: [],
    markets: { US: { price: { amount: 2495, currency: 'USD' as const }, pv: 20, cv: 1996 } },
    active: true,
    autoshipEligible: true,
    weightGrams: 200,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    version: 3,
  };
  const currencies = { US: 'USD' as const, MX: 'MXN' as const };

  it('round-trips a product through the form with exact cents', () => {
    const draft = productDraft(stored, markets);
    expect(draft.markets.US).toEqual({ sold: true, price: '24.95', pv: '20', cv: '19.96' });
    expect(draft.markets.MX!.sold).toBe(false);
    draft.markets.MX = { sold: true, price: '449.10', pv: '20', cv: '0.29' };
    const { input, errors } = productInput(draft, currencies);
    expect(errors).toEqual({});
    expect(input!.markets).toEqual({
      US: { price: { amount: 2495, currency: 'USD' }, pv: 20, cv: 1996 },
      MX: { price: { amount: 44910, currency: 'MXN' }, pv: 20, cv: 29 },
    });
    expect(input!.kit).toBeUndefined();
  });

  it('names each bad field by the server’s path', () => {
    const draft = productDraft(null, markets);
    draft.sku = 'x';
    draft.markets.US = { sold: true, price: '24.999', pv: '2.5', cv: '' };
    draft.weightGrams = 'heavy';
    draft.kit = [{ sku: '', quantity: '0' }];
    const { input, errors } = productInput(draft, currencies);
    expect(input).toBeNull();
    expect(errors).toMatchObject({
      'markets.US.price.amount': 'product.error.money',
      'markets.US.pv': 'product.error.whole',
      'markets.US.cv': 'product.error.money',
      weightGrams: 'product.error.whole',
      'kit.0.sku': 'product.error.kitSku',
      'kit.0.quantity': 'product.error.kitQuantity',
      'name.en': expect.any(String),
      sku: expect.any(String),
    });
  });

  it('asks an active product for a market', () => {
    const draft = productDraft({ ...stored, markets: {} }, markets);
    expect(productInput(draft, currencies).errors.markets).toBe('product.error.noMarket');
    draft.active = false;
    expect(productInput(draft, currencies).errors).toEqual({});
  });
});

const { buyerLabel } = await import('../../src/lib/shop/orders');
const { runReasonText } = await import('../../src/lib/shop/messages');
const { memberHref } = await import('../../src/lib/member-scope');

describe('who and why, in words', () => {
  it('names a buyer by name and ID, or by ID alone for orders from before names were kept', () => {
    expect(buyerLabel({ buyerId: '1042', buyerName: 'Ana Gómez' })).toBe('Ana Gómez (1042)');
    expect(buyerLabel({ buyerId: '1042' })).toBe('1042');
  });

  it('says a card decline in the member’s words and keeps any other reason as the server gave it', () => {
    expect(runReasonText('insufficient_funds', 'Insufficient funds.')).toBe('decline.insufficient_funds');
    expect(runReasonText('inactive', 'Magnesium Calm is retired.')).toBe('Magnesium Calm is retired.');
    expect(runReasonText(undefined, 'Something else.')).toBe('Something else.');
  });

  it('links a page to a member, with other parameters, and to the caller’s own without one', () => {
    expect(memberHref('/smart-order', '1042', { saved: 'created' })).toBe('/smart-order?member=1042&saved=created');
    expect(memberHref('/smart-order', null, { saved: 'created' })).toBe('/smart-order?saved=created');
    expect(memberHref('/smart-order', null)).toBe('/smart-order');
  });
});
