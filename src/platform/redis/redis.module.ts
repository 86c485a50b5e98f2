import { Global, Module } from '@nestjs/common';
import { GateConnection } from './gate-connection';
import { RedisService } from './redis.service';

@Global()
@Module({ providers: [RedisService, GateConnection], exports: [RedisService, GateConnection] })
export class RedisModule {}
