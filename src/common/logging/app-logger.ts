// Nest's LoggerService over the root pino logger: `new Logger(Context)` lines in app code land
// here with their context, and inside a request with its id (from the request context), so a
// line can be matched to its request without a child logger per request.
import { Global, Inject, Injectable, Module, type LoggerService } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Logger, Level } from 'pino';
import { currentRequestId } from '../http/request-context';
import { appConfig } from '../../config/namespaces';
import { createRootLogger } from './logging';
import { scrubPersonalData } from './personal-data';

export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

@Injectable()
export class AppLogger implements LoggerService {
  constructor(@Inject(ROOT_LOGGER) readonly root: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: Level, message: unknown, rest: unknown[]): void {
    if (!this.root.isLevelEnabled(level)) return;
    // Nest appends the context as the last string argument; error() may pass a stack before it.
    const context = rest.length > 0 && typeof rest.at(-1) === 'string' ? rest.at(-1) : undefined;
    const extra = context === undefined ? rest : rest.slice(0, -1);
    const fields: Record<string, unknown> = {};
    if (context !== undefined) fields.context = context;
    const requestId = currentRequestId();
    if (requestId !== undefined) fields.request_id = requestId;
    const stack = extra.find((value) => typeof value === 'string');
    if (level === 'error' && typeof stack === 'string')
      fields.err = { stack: scrubPersonalData(stack) };
    if (message instanceof Error) {
      fields.err = message;
      this.root[level](fields, scrubPersonalData(message.message));
    } else if (typeof message === 'object' && message !== null) {
      const { msg, ...own } = message as Record<string, unknown>;
      this.root[level]({ ...fields, ...own }, typeof msg === 'string' ? msg : undefined);
    } else {
      // App lines are rare (not one per request): every one is scrubbed, whoever wrote it.
      this.root[level](fields, scrubPersonalData(String(message)));
    }
  }
}

@Global()
@Module({
  providers: [
    {
      provide: ROOT_LOGGER,
      inject: [appConfig.KEY],
      useFactory: (config: ConfigType<typeof appConfig>) => createRootLogger(config),
    },
    AppLogger,
  ],
  exports: [ROOT_LOGGER, AppLogger],
})
export class LoggingModule {}
