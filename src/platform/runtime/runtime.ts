import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '../../config/config';
import { runMigrations } from '../database/data-source-options';
import { EmbeddedPostgres, startEmbeddedPostgres } from '../database/embedded-postgres';

/** What start-up settles before Nest boots: secrets, the database to use, its schema. */
export interface Runtime {
  config: AppConfig;
  databaseUrl: string;
  adminToken: string;
  jwtSecret: string;
  embedded: EmbeddedPostgres | null;
}

export const RUNTIME = Symbol('RUNTIME');

/**
 * One connection to the embedded database: it runs one statement at a time, and statements sent at once on
 * several connections can interleave in its socket server (pglite#1046). The pool queues them instead.
 */
const EMBEDDED_POOL_SIZE = 1;

/** Reads a generated secret kept in the data directory, or makes one. `fresh` tells whether it was just made. */
function keptSecret(dataDir: string, file: string, bytes: number): { value: string; path: string; fresh: boolean } {
  const path = join(dataDir, file);
  if (existsSync(path)) return { value: readFileSync(path, 'utf8').trim(), path, fresh: false };
  mkdirSync(dataDir, { recursive: true });
  const value = randomBytes(bytes).toString('base64url');
  writeFileSync(path, `${value}\n`, { mode: 0o600 });
  return { value, path, fresh: true };
}

export async function prepareRuntime(config: AppConfig, say: (line: string) => void): Promise<Runtime> {
  let adminToken = config.adminToken;
  if (adminToken === null) {
    const kept = keptSecret(config.dataDir, 'admin-token', 32);
    adminToken = kept.value;
    say(
      kept.fresh
        ? `ADMIN_TOKEN was not set; generated one (kept in ${kept.path}): ${adminToken}`
        : `ADMIN_TOKEN was not set; using the one kept in ${kept.path}`,
    );
  }
  const jwtSecret = config.jwtSecret ?? keptSecret(config.dataDir, 'jwt-secret', 48).value;

  let embedded: EmbeddedPostgres | null = null;
  let databaseUrl = config.databaseUrl;
  if (databaseUrl === null) {
    embedded = await startEmbeddedPostgres(join(config.dataDir, 'pglite'), EMBEDDED_POOL_SIZE * 4);
    databaseUrl = embedded.url;
    say(`DATABASE_URL was not set; using embedded PGlite in ${join(config.dataDir, 'pglite')}`);
  }
  try {
    await runMigrations(databaseUrl);
  } catch (error) {
    await embedded?.close();
    throw error;
  }
  return { config, databaseUrl, adminToken, jwtSecret, embedded };
}

export const poolSizeFor = (runtime: Runtime): number =>
  runtime.embedded ? EMBEDDED_POOL_SIZE : runtime.config.databasePoolSize;
