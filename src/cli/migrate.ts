import 'reflect-metadata';
import { loadConfig } from '../config/config';
import { runMigrations } from '../platform/database/data-source-options';
import { startEmbeddedPostgres } from '../platform/database/embedded-postgres';
import { join } from 'node:path';

/** `npm run migration:run`: applies pending migrations to DATABASE_URL (or the embedded database). */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const embedded = config.databaseUrl ? null : await startEmbeddedPostgres(join(config.dataDir, 'pglite'), 4);
  try {
    const applied = await runMigrations(config.databaseUrl ?? embedded!.url);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Schema is up to date.');
  } finally {
    await embedded?.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
