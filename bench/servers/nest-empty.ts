import 'reflect-metadata';
import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';

/** Nest on Fastify with one empty route: what the framework costs before any work of ours. */
@Controller()
class EmptyController {
  @Post('empty')
  @HttpCode(200)
  empty(@Body() _body: unknown): { ok: boolean } {
    return { ok: true };
  }
}

@Module({ controllers: [EmptyController] })
class EmptyModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(EmptyModule, new FastifyAdapter(), { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.send?.({ port: Number(new URL(await app.getUrl()).port) });
}

void main();
