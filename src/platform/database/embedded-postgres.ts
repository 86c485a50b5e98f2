import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync } from 'node:fs';

export interface EmbeddedPostgres {
  url: string;
  close(): Promise<void>;
}

/**
 * Real Postgres compiled to WASM, kept in `dataDir` (or in memory), reached through a loopback socket so that
 * the ordinary `pg` driver and TypeORM talk to it exactly as they would to a server.
 * One backend serves every connection: transactions run one at a time.
 */
export async function startEmbeddedPostgres(dataDir: string | null, maxConnections: number): Promise<EmbeddedPostgres> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir ?? undefined);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
  await server.start();
  const address = server.getServerConn();
  return {
    url: `postgres://postgres@${address}/postgres`,
    async close() {
      await server.stop();
      await db.close();
    },
  };
}
