import { CallHandler, ExecutionContext, HttpStatus, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, Observable } from 'rxjs';
import { callerScope, getCaller } from '../auth/caller';
import { Clock } from '../clock/clock';
import { Db } from '../database/db';
import { PG_LOCK_NOT_AVAILABLE, pgErrorCode } from '../database/postgres-errors';
import { DomainError, validationFailed } from '../errors/domain-error';
import { JSON_CONTENT_TYPE, ReplayedResponse } from '../errors/replayed-response';
import { RUNTIME, Runtime } from '../runtime/runtime';
import { requestFingerprint } from './fingerprint';
import { IDEMPOTENT, IdempotentOptions } from './idempotent.decorator';
import { ResponseSeal } from './response-seal';

interface KeyedRequest {
  scope: string;
  key: string;
  fingerprint: string;
  status: number;
  sealed: boolean;
  reply: FastifyReply;
}

/** A key claimed by a request that never finished (its process stopped) may be taken over after this long. */
const ABANDONED_CLAIM_MS = 5 * 60_000;
const POLL_MS = 25;

/**
 * Idempotency-Key, stored in Postgres in the same transaction as the work it guards: the key row and the
 * request's changes commit together or not at all. A concurrent duplicate blocks on the key row until the first
 * commits (then replays it) or rolls back (then runs itself). Failures are not stored: nothing changed, so a
 * retry runs again. A route marked `ownTransactions` (it calls the payment provider between transactions of its
 * own) claims the key in a transaction of its own first, and stores the response, or drops the key, at the end.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly seal: ResponseSeal;

  constructor(
    private readonly reflector: Reflector,
    private readonly db: Db,
    private readonly clock: Clock,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {
    this.seal = new ResponseSeal(runtime.jwtSecret);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const options = this.reflector.get<IdempotentOptions | undefined>(IDEMPOTENT, context.getHandler());
    if (!options) return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers['idempotency-key'];
    if (header === undefined) return next.handle();
    const key = Array.isArray(header) ? header[0] : header;
    if (Array.isArray(header) || !/^[\x20-\x7e]{1,255}$/.test(key)) {
      throw validationFailed([
        { field: 'Idempotency-Key', problems: ['must be one header of 1-255 printable ASCII characters'] },
      ]);
    }
    const caller = getCaller(request);
    if (!caller) return next.handle();
    const scope = callerScope(caller);
    const fingerprint = requestFingerprint(request.method, request.url, request.body);
    const status = this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const keyed = { scope, key, fingerprint, status, sealed: options.sealResponse === true, reply };
    return from(options.ownTransactions ? this.runCommittingFirst(keyed, next) : this.run(keyed, next));
  }

  private async run(request: KeyedRequest, next: CallHandler): Promise<unknown> {
    const { scope, key, fingerprint } = request;
    try {
      return await this.db.transaction(async () => {
        await this.db.query(`SET LOCAL lock_timeout = ${Number(this.runtime.config.idempotencyWaitMs)}`);
        const claimed = await this.db.query(
          `INSERT INTO idempotency_keys (caller_scope, key, fingerprint, created_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT DO NOTHING RETURNING key`,
          [scope, key, fingerprint, this.clock.now()],
        );
        if (claimed.length === 0) return this.replay(request);
        await this.db.query('SET LOCAL lock_timeout TO DEFAULT');
        const body: unknown = await lastValueFrom(next.handle(), { defaultValue: undefined });
        return this.store(request, body);
      });
    } catch (error) {
      if (pgErrorCode(error) === PG_LOCK_NOT_AVAILABLE) {
        throw new DomainError('IDEMPOTENCY_KEY_IN_USE', 'A request with this Idempotency-Key is still in progress');
      }
      throw error;
    }
  }

  /** For handlers that commit their own transactions: claim the key (committed), run, then store or drop it. */
  private async runCommittingFirst(request: KeyedRequest, next: CallHandler): Promise<unknown> {
    const { scope, key } = request;
    await this.claimCommitted(request);
    let body: unknown;
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      await this.db.query(
        'DELETE FROM idempotency_keys WHERE caller_scope = $1 AND key = $2 AND response_status IS NULL',
        [scope, key],
      );
      throw error;
    }
    return this.store(request, body);
  }

  /**
   * Keeps the response as the JSON text sent (sealed when it carries a secret) and answers with that very text,
   * so the first answer and every replay are the same bytes (a stored object would come back with its keys in
   * another order).
   */
  private async store(request: KeyedRequest, body: unknown): Promise<string> {
    const { scope, key, status, reply } = request;
    const json = JSON.stringify(body ?? null);
    await this.db.query(
      `UPDATE idempotency_keys SET response_status = $3, response_body = $4 WHERE caller_scope = $1 AND key = $2`,
      [scope, key, status, request.sealed ? JSON.stringify(this.seal.seal(json)) : json],
    );
    void reply.type(JSON_CONTENT_TYPE);
    return json;
  }

  /**
   * Inserts the key row and commits it. When the key exists: a finished request is replayed (thrown as
   * ReplayedResponse), one in progress is waited for up to IDEMPOTENCY_WAIT_MS, then 409 IDEMPOTENCY_KEY_IN_USE.
   */
  private async claimCommitted(request: KeyedRequest): Promise<void> {
    const { scope, key, fingerprint } = request;
    const waitMs = this.runtime.config.idempotencyWaitMs;
    const giveUpAt = Date.now() + waitMs;
    for (;;) {
      const claimed = await this.db
        .transaction(async () => {
          await this.db.query(`SET LOCAL lock_timeout = ${Number(waitMs)}`);
          return this.db.query(
            `INSERT INTO idempotency_keys (caller_scope, key, fingerprint, created_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT DO NOTHING RETURNING key`,
            [scope, key, fingerprint, this.clock.now()],
          );
        })
        .catch((error: unknown) => {
          if (pgErrorCode(error) !== PG_LOCK_NOT_AVAILABLE) throw error;
          throw new DomainError('IDEMPOTENCY_KEY_IN_USE', 'A request with this Idempotency-Key is still in progress');
        });
      if (claimed.length > 0) return;
      const [held] = await this.db.query<{ fingerprint: string; response_status: number | null; created_at: Date }>(
        'SELECT fingerprint, response_status, created_at FROM idempotency_keys WHERE caller_scope = $1 AND key = $2',
        [scope, key],
      );
      if (!held) continue; // dropped by a failed first request: claim it now
      if (held.response_status !== null || held.fingerprint !== fingerprint) await this.replay(request);
      if (held.created_at.getTime() < this.clock.now().getTime() - ABANDONED_CLAIM_MS) {
        await this.db.query(
          `DELETE FROM idempotency_keys WHERE caller_scope = $1 AND key = $2 AND response_status IS NULL
           AND created_at = $3`,
          [scope, key, held.created_at],
        );
        continue;
      }
      if (Date.now() >= giveUpAt) {
        throw new DomainError('IDEMPOTENCY_KEY_IN_USE', 'A request with this Idempotency-Key is still in progress');
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  private async replay({ scope, key, fingerprint, sealed }: KeyedRequest): Promise<unknown> {
    const [stored] = await this.db.query<{ fingerprint: string; response_status: number; response_body: string }>(
      'SELECT fingerprint, response_status, response_body FROM idempotency_keys WHERE caller_scope = $1 AND key = $2',
      [scope, key],
    );
    if (stored.fingerprint !== fingerprint) {
      throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different request');
    }
    const json = sealed ? this.seal.open(JSON.parse(stored.response_body) as { sealed: string }) : stored.response_body;
    throw new ReplayedResponse(stored.response_status, json);
  }
}
