import 'reflect-metadata';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/config';
import { prepareRuntime } from '../../src/platform/runtime/runtime';

/**
 * The real service, configured by the environment it was forked with; tells the parent its port, and answers
 * `{ memoryUsage: true }` with process.memoryUsage() (heap against external against RSS, for bench/orders-csv.ts).
 */
async function main(): Promise<void> {
  const runtime = await prepareRuntime(loadConfig(process.env), () => undefined);
  const app = await createApp(runtime);
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.send?.({ port: Number(new URL(await app.getUrl()).port) });
  process.on('message', (message: { memoryUsage?: boolean }) => {
    if (message.memoryUsage) process.send?.(process.memoryUsage());
  });
  process.on('SIGTERM', () => {
    void app.close().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
