// pg-boss 10 completes and fails jobs without awaiting the promise (manager.js, `watch`): when
// PostgreSQL drops at that moment the rejection is unhandled, and Node ends the process on an
// unhandled rejection. pg-boss stays on 10 for now (docs/decisions.md), so this is handled here: a rejection that is a
// lost database connection is logged and dropped (the job stays active, its lease lapses and it
// runs again, idempotently); any other unhandled rejection still ends the process as before.
import { Logger } from '@nestjs/common';
import { isDatabaseUnavailable } from '../common/errors/error-response';

let installed = false;

export function tolerateDatabaseRejections(): void {
  if (installed) return;
  installed = true;
  const logger = new Logger('Jobs');
  process.on('unhandledRejection', (reason: unknown) => {
    if (isDatabaseUnavailable(reason)) {
      logger.warn(
        `database unavailable while settling a job (it will run again): ${(reason as Error).message}`,
      );
      return;
    }
    throw reason;
  });
}
