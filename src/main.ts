import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/config';
import { boundUrl, reachableUrl, ServiceUrl } from './platform/http/service-url';
import { prepareRuntime } from './platform/runtime/runtime';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const runtime = await prepareRuntime(config, (line) => console.log(line));
  const app = await createApp(runtime);
  await app.listen({ port: config.port, host: config.host });
  // The server's own address: Nest's getUrl() says 127.0.0.1 for a server bound to 0.0.0.0.
  const address = app.getHttpServer().address() as AddressInfo;
  app.get(ServiceUrl).set(reachableUrl(address));
  console.log(`Engage listening on ${boundUrl(address)} (API docs at /docs)`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    await app.close();
    await runtime.embedded?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
