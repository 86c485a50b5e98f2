import { join } from 'node:path';
import { startChildServer } from './lib/child-server';
import { load, LoadResult } from './lib/load';
import { printTable } from './lib/report';

const BODY = JSON.stringify({ productId: 'p-1', quantity: 1 });

/** This machine's bare node:http ceiling for a small JSON POST. Every benchmark measures it in its own run. */
export async function measureBareHttp(durationSeconds = 5): Promise<LoadResult> {
  const server = await startChildServer(join(__dirname, 'servers/bare-http.js'));
  try {
    return await load({ url: `${server.url}/`, body: BODY, durationSeconds });
  } finally {
    await server.stop();
  }
}

export async function measureEmptyNestRoute(durationSeconds = 5): Promise<LoadResult> {
  const server = await startChildServer(join(__dirname, 'servers/nest-empty.js'));
  try {
    return await load({ url: `${server.url}/empty`, body: BODY, durationSeconds });
  } finally {
    await server.stop();
  }
}

export async function referenceBenchmark(): Promise<void> {
  const bare = await measureBareHttp();
  const nest = await measureEmptyNestRoute();
  printTable(
    'Reference: POST with a small JSON body, 64 connections, 5 s, loopback',
    { name: 'bare node:http', result: bare },
    [{ name: 'empty Nest route (Fastify)', result: nest }],
  );
}
