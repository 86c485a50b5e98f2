import { cpus } from 'node:os';
import { couponsBenchmark } from './coupons';
import { flashSaleBenchmark } from './flash-sale';
import { groupBuyBenchmark } from './group-buy';
import { luckyDrawBenchmark } from './lucky-draw';
import { ordersCsvBenchmark } from './orders-csv';
import { referenceBenchmark } from './reference';
import { webhooksBenchmark } from './webhooks';

/** `npm run bench [-- suite ...]`: load runs on loopback, bounded in time; not part of `npm test`. */
const SUITES: Record<string, () => Promise<void>> = {
  reference: referenceBenchmark,
  coupons: couponsBenchmark,
  'flash-sale': flashSaleBenchmark,
  'group-buy': groupBuyBenchmark,
  'lucky-draw': luckyDrawBenchmark,
  webhooks: webhooksBenchmark,
  'orders-csv': ordersCsvBenchmark,
};

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !SUITES[name]);
  if (unknown.length)
    throw new Error(`unknown suite(s) ${unknown.join(', ')}; known: ${Object.keys(SUITES).join(', ')}`);
  console.log(
    `Engage benchmarks on ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`,
  );
  for (const name of asked.length ? asked : Object.keys(SUITES)) await SUITES[name]();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
