import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { createApp } from '../src/app.factory';
import { loadConfig } from '../src/config/config';
import { prepareRuntime } from '../src/platform/runtime/runtime';

/**
 * The real service for the flash-sale benchmark, configured by its environment; tells the parent its port.
 * FLASH_BENCH_PROFILE=<dir> writes a CPU profile of the whole run there when it stops; FLASH_BENCH_LOOP_DELAY=1 prints
 * the event loop's delay every 5 s; FLASH_BENCH_JOBS=0 runs it without its jobs and consumer.
 */
async function main(): Promise<void> {
  const profileDir = process.env.FLASH_BENCH_PROFILE;
  const session = profileDir ? new Session() : null;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const delay = process.env.FLASH_BENCH_LOOP_DELAY ? monitorEventLoopDelay({ resolution: 1 }) : null;
  delay?.enable();
  if (delay) {
    setInterval(() => {
      console.error(
        `event loop delay: p50 ${(delay.percentile(50) / 1e6).toFixed(2)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(2)} ms, max ${(delay.max / 1e6).toFixed(1)} ms`,
      );
      delay.reset();
    }, 5000).unref();
  }
  const runtime = await prepareRuntime(loadConfig(process.env), () => undefined);
  const app = await createApp(runtime, { schedule: process.env.FLASH_BENCH_JOBS !== '0' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.send?.({ port: Number(new URL(await app.getUrl()).port) });
  process.on('SIGTERM', () => {
    void (async () => {
      if (session && profileDir) {
        const { profile } = await session.post('Profiler.stop');
        writeFileSync(join(profileDir, `flash-sale-${process.pid}.cpuprofile`), JSON.stringify(profile));
      }
      await app.close();
      process.exit(0);
    })();
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
