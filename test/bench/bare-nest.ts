// The `/health` yardstick: a bare Nest + Express app (no middleware, guards, pipes or logger) with
// one GET /health route answering the same JSON shape. Forked by health-vs-bare-nest.ts.
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';

@Controller()
class HealthController {
  @Get('health')
  health(): { status: string; info: Record<string, unknown> } {
    return { status: 'ok', info: { app: { status: 'up' } } };
  }
}

@Module({ controllers: [HealthController] })
class BareModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(BareModule, { logger: false });
  await app.listen(Number(process.argv[2]), '127.0.0.1');
  process.send?.('ready');
}

void main();
