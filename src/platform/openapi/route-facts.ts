import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { THROTTLER_SKIP } from '@nestjs/throttler/dist/throttler.constants';
import { IDEMPOTENT } from '../idempotency/idempotent.decorator';
import type { RouteFacts } from './operation-errors';

const joinPath = (...parts: string[]) =>
  '/' +
  parts
    .flatMap((part) => part.split('/'))
    .filter((segment) => segment.length > 0)
    .map((segment) => segment.replace(/^:(\w+)$/, '{$1}'))
    .join('/');

/** `post /v1/orders/{id}/cancel`: a route as the OpenAPI document keys it. */
export const routeKey = (method: string, path: string): string => `${method.toLowerCase()} ${path}`;

/**
 * What the Nest metadata of every controller route says that the OpenAPI document does not: whether the global
 * rate limit counts it and whether the Idempotency-Key interceptor runs. Keyed by routeKey.
 */
export function routeFacts(app: INestApplication): Map<string, RouteFacts> {
  const facts = new Map<string, RouteFacts>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (typeof metatype !== 'function') continue;
      const prefix: string = Reflect.getMetadata(PATH_METADATA, metatype) ?? '';
      const classSkips = Reflect.getMetadata(`${THROTTLER_SKIP}default`, metatype) === true;
      for (const name of Object.getOwnPropertyNames(metatype.prototype)) {
        const handler: unknown = Object.getOwnPropertyDescriptor(metatype.prototype, name)?.value;
        if (typeof handler !== 'function' || name === 'constructor') continue;
        const method: RequestMethod | undefined = Reflect.getMetadata(METHOD_METADATA, handler);
        const path: string | string[] | undefined = Reflect.getMetadata(PATH_METADATA, handler);
        if (method === undefined || path === undefined) continue;
        const skips = Reflect.getMetadata(`${THROTTLER_SKIP}default`, handler) ?? classSkips;
        for (const one of Array.isArray(path) ? path : [path]) {
          facts.set(routeKey(RequestMethod[method], joinPath(prefix, one)), {
            throttled: skips !== true,
            idempotent: Reflect.getMetadata(IDEMPOTENT, handler) !== undefined,
          });
        }
      }
    }
  }
  return facts;
}
