// Process entry: load .env, validate the environment (one clear line and exit on error), serve.
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp } from './bootstrap/configure-app';
import { AppLogger } from './common/logging/app-logger';
import { limitHeapGrowth } from './bootstrap/heap-growth';
import { missingNodeFlags } from './bootstrap/node-flags';
import { unsafeSecrets } from './config/production-safety';
import { deprecationWarnings, legacyTokenNote, routeWarnings } from './config/startup-warnings';
import { InvalidEnvironmentError, validateEnv } from './config/validate-env';
import { DataDirUnwritableError } from './database/data-dir-check';
import { DataDirInUseError } from './database/data-dir-lock';

async function bootstrap(): Promise<void> {
  limitHeapGrowth(process.execArgv);
  if (existsSync('.env')) process.loadEnvFile('.env');
  const env = validateEnv(process.env);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(env), {
    bodyParser: false,
    bufferLogs: true,
    // A start-up failure reaches the catch below (one clear line, exit 1) instead of abort().
    abortOnError: false,
  });
  await configureApp(app);
  const logger = app.get(AppLogger);
  for (const line of deprecationWarnings(process.env)) logger.warn(`DEPRECATED: ${line}`);
  const missing = missingNodeFlags(process.execArgv);
  if (missing.length > 0)
    logger.log(
      `NOTE: node runs without ${missing.join(' ')} (as npm start and the image pass them): more memory, same function`,
    );
  const tokenNote = legacyTokenNote(env);
  if (tokenNote) logger.log(`NOTE: ${tokenNote}`);
  if (env.NODE_ENV !== 'production') {
    for (const line of routeWarnings(env)) logger.warn(`SECURITY: ${line}`);
    for (const problem of unsafeSecrets(env))
      logger.warn(`SECURITY: ${problem} — production would refuse to start`);
  }
  await app.listen(env.PORT, env.HOST);
  const { port } = app.getHttpServer().address() as { port: number };
  logger.log(`Listening on http://${env.HOST}:${port} (docs at /docs)`);
}

bootstrap().catch((error: unknown) => {
  if (
    error instanceof InvalidEnvironmentError ||
    error instanceof DataDirInUseError ||
    error instanceof DataDirUnwritableError
  ) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
