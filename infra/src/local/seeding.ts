import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '@arbor/shared/keys';
import { db } from '@arbor/functions/lib/aws';
import { env } from '@arbor/functions/lib/env';
import { seedDemoCompany, type SeedProgress } from '@arbor/functions/demo/seed';

/** The settings item is written last by the seed: its presence means the company is there. */
export async function isSeeded(): Promise<boolean> {
  const result = await db().send(new GetCommand({ TableName: env.tableName(), Key: keys.companySettings() }));
  return Boolean(result.Item);
}

/** A progress line that rewrites itself on a terminal and prints every 10 % otherwise. */
export function progressPrinter(label: string) {
  let lastShown = -1;
  const started = Date.now();
  return (progress: SeedProgress) => {
    const percent = progress.total ? Math.floor((progress.done / progress.total) * 100) : 100;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const line = `${label}: ${progress.stage} ${progress.done.toLocaleString('en-US')}/${progress.total.toLocaleString('en-US')} (${percent} %, ${seconds} s)`;
    if (process.stdout.isTTY) {
      process.stdout.write(`\r${line}`);
      if (progress.done >= progress.total) process.stdout.write('\n');
    } else if (percent >= lastShown + 10 || progress.done >= progress.total) {
      lastShown = percent;
      console.log(line);
    }
  };
}

export async function seedWithProgress(partners: number, options: { seed?: number } = {}) {
  const started = Date.now();
  const result = await seedDemoCompany(
    { partners, ...(options.seed !== undefined ? { seed: options.seed } : {}) },
    progressPrinter('seeding'),
  );
  return { ...result, seconds: (Date.now() - started) / 1000 };
}
