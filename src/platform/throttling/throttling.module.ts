import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule, ThrottlerStorageService } from '@nestjs/throttler';
import { RUNTIME, Runtime } from '../runtime/runtime';
import { GateConnection } from '../redis/gate-connection';
import { RedisService } from '../redis/redis.service';
import { CallerThrottlerGuard } from './caller-throttler.guard';
import { RedisThrottlerStorage } from './redis-throttler-storage';

/** RATE_LIMIT_PER_MINUTE per caller and route; counted in Redis when configured, else in this process. */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [RUNTIME, RedisService, GateConnection],
      useFactory: (runtime: Runtime, redis: RedisService, connection: GateConnection) => ({
        throttlers: [{ name: 'default', ttl: 60_000, limit: runtime.config.rateLimitPerMinute }],
        storage: redis.enabled ? new RedisThrottlerStorage(redis, connection) : new ThrottlerStorageService(),
      }),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: CallerThrottlerGuard }],
})
export class ThrottlingModule {}
