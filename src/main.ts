// Process entry: load .env, validate the environment (one clear line and exit on error), serve.
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { configureApp } from './bootstrap/configure-app';
import { developmentWarnings, InvalidEnvironmentError, validateEnv } from './config/validate-env';

async function bootstrap(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const env = validateEnv(process.env);
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bodyParser: false,
    bufferLogs: true,
  });
  await configureApp(app);
  const logger = app.get(Logger);
  for (const gap of developmentWarnings(env)) {
    logger.warn(
      `SECURITY: ${gap} is not set — routes that need it refuse requests; production would not start`,
    );
  }
  await app.listen(env.PORT, env.HOST);
  logger.log(`Listening on http://${env.HOST}:${env.PORT} (docs at /docs)`);
}

bootstrap().catch((error: unknown) => {
  if (error instanceof InvalidEnvironmentError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
