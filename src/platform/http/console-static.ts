import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { DomainError } from '../errors/domain-error';
import { toErrorResponse } from '../errors/error-response';

const NOT_BUILT = toErrorResponse(
  new DomainError('SERVICE_UNAVAILABLE', 'The console is not built: run `npm run build` (or `npm install`)'),
);
const ASSET_NOT_FOUND = toErrorResponse(new DomainError('NOT_FOUND', 'No such console asset'));

/** Vite names everything under assets/ by its content hash: a changed file is a new name. */
const ASSETS = { maxAge: '365d', immutable: true } as const;
/** index.html and the other unhashed files: revalidated each time, so a new build shows on the next load. */
const REVALIDATE = { cacheControl: false } as const;

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false; // no such file (or unreadable): not one to serve
  }
}

/**
 * The merchant console (console/, built by Vite into `dir`) under /console: its files, and index.html for every
 * other path below it, where the single-page app routes (/console/orders/42). Registered on Fastify directly:
 * no OpenAPI operation, no API rate limit (static files), and nothing outside /console changes.
 */
export async function registerConsole(fastify: FastifyInstance, dir: string): Promise<void> {
  const root = resolve(dir);

  const sendIndex = async (reply: FastifyReply) => {
    if (!(await isFile(resolve(root, 'index.html')))) {
      return reply.code(NOT_BUILT.status).send(NOT_BUILT.body);
    }
    return reply.header('Cache-Control', 'no-cache').sendFile('index.html', root, REVALIDATE);
  };

  await fastify.register(async (scope) => {
    await scope.register(fastifyStatic, { serve: false });
    scope.get('/console', (_request, reply) => sendIndex(reply));
    scope.get<{ Params: { '*': string } }>('/console/*', async (request, reply) => {
      const wanted = request.params['*'];
      const path = resolve(root, wanted);
      const inside = path.startsWith(root + sep) && !wanted.split('/').some((part) => part.startsWith('.'));
      if (inside && (await isFile(path))) {
        const relative = path.slice(root.length + 1);
        if (wanted.startsWith('assets/')) return reply.sendFile(relative, root, ASSETS);
        return reply.header('Cache-Control', 'no-cache').sendFile(relative, root, REVALIDATE);
      }
      // A missing script or stylesheet is a 404, not index.html (which the browser could not run anyway).
      if (wanted.startsWith('assets/')) return reply.code(ASSET_NOT_FOUND.status).send(ASSET_NOT_FOUND.body);
      return sendIndex(reply);
    });
  });
}
