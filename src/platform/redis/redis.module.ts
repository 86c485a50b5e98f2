import { Global, Module } from '@nestjs/common';
import { EntryStreams } from './entry-streams';
import { GateConnection } from './gate-connection';
import { RedisService } from './redis.service';

@Global()
@Module({
  providers: [RedisService, GateConnection, EntryStreams],
  exports: [RedisService, GateConnection, EntryStreams],
})
export class RedisModule {}
