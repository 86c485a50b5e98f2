import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { pino } from 'pino';
import { AuthModule } from './auth/auth.module';
import { CampaignChanges } from './campaigns/campaign-changes';
import { Clock, SystemClock } from './clock/clock';
import { dataSourceOptions } from './database/data-source-options';
import { Db } from './database/db';
import { AllExceptionsFilter } from './errors/all-exceptions.filter';
import { HealthModule } from './health/health.module';
import { TransactionEvents } from './events/transaction-events';
import { FrontDoor } from './http/front-door';
import { ShopperPostDoor } from './http/shopper-post-door';
import { ServiceUrl } from './http/service-url';
import { IdempotencyCleanupJob } from './idempotency/idempotency-cleanup.job';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { JOBS_ENABLED, JobRunner } from './jobs/job-runner';
import { OutboxModule } from './outbox/outbox.module';
import { AppLogger } from './logging/app-logger';
import { loggerOptions } from './logging/logger-options';
import { MetricsModule } from './metrics/metrics.module';
import { RequestLogging } from './logging/request-logging';
import { RedisModule } from './redis/redis.module';
import { poolSizeFor, RUNTIME, Runtime } from './runtime/runtime';
import { ThrottlingModule } from './throttling/throttling.module';
import { createValidationPipe } from './validation/validation-pipe';

export interface PlatformOptions {
  /** Replaces the system clock (tests move time with a ManualClock). */
  clock?: Clock;
  /** Timers for the scheduled jobs; off in tests that drive jobs by hand (JobRunner.runNow). */
  schedule?: boolean;
  /** The HTTP server's FrontDoor (createApp gives Fastify its serverFactory); without one, routes there are unused. */
  frontDoor?: FrontDoor;
}

/** What every module stands on: configuration, database, Redis, auth, errors, validation, idempotency, clock. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(runtime: Runtime, options: PlatformOptions = {}): DynamicModule {
    const runtimeProvider = { provide: RUNTIME, useValue: runtime };
    return {
      module: PlatformModule,
      imports: [
        TypeOrmModule.forRootAsync({ useFactory: () => dataSourceOptions(runtime.databaseUrl, poolSizeFor(runtime)) }),
        ...(options.schedule === false ? [] : [ScheduleModule.forRoot()]),
        RedisModule,
        AuthModule,
        HealthModule,
        ThrottlingModule,
        OutboxModule,
        MetricsModule,
      ],
      providers: [
        runtimeProvider,
        { provide: AppLogger, useFactory: () => new AppLogger(pino(loggerOptions(runtime.config))) },
        options.clock ? { provide: Clock, useValue: options.clock } : { provide: Clock, useClass: SystemClock },
        Db,
        TransactionEvents,
        { provide: JOBS_ENABLED, useValue: options.schedule !== false },
        JobRunner,
        ServiceUrl,
        { provide: FrontDoor, useValue: options.frontDoor ?? new FrontDoor() },
        RequestLogging,
        ShopperPostDoor,
        IdempotencyCleanupJob,
        CampaignChanges,
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
      exports: [
        runtimeProvider,
        AppLogger,
        Clock,
        Db,
        TransactionEvents,
        JOBS_ENABLED,
        JobRunner,
        ServiceUrl,
        FrontDoor,
        RequestLogging,
        ShopperPostDoor,
        CampaignChanges,
      ],
    };
  }
}
