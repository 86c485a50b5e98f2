import 'reflect-metadata';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/config';
import { ServiceUrl } from './platform/http/service-url';
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
  const url = await app.getUrl();
  app.get(ServiceUrl).set(url.replace('://[::]', '://127.0.0.1').replace('://0.0.0.0', '://127.0.0.1'));
  console.log(`Engage listening on ${url} (API docs at /docs)`);

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
