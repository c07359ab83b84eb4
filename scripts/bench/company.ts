import { DEFAULT_SETTINGS } from '../../shared/src/company.js';
import { DEMO_MARKETS } from '../../shared/src/demo/markets.js';
import { settingsItem } from '../../functions/src/company/repository.js';
import { putItem } from '../../functions/src/lib/db.js';

/** The company settings a benchmark's table starts with: the demo markets and the default plan. */
export const putBenchCompany = () =>
  putItem({
    Item: settingsItem({
      name: 'Bench',
      markets: DEMO_MARKETS.map(({ code, name, currency, language }) => ({ code, name, currency, language })),
      ...DEFAULT_SETTINGS,
    }),
  });
