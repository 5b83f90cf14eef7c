// App lines (`new Logger(Context)`, jobs, processors) through the root logger: context kept,
// messages and error stacks scrubbed of phone numbers and conversation ids.
import { Logger } from '@nestjs/common';
import { Writable } from 'node:stream';
import { AppLogger } from './app-logger';
import { createRootLogger } from './logging';

function capture() {
  const lines: Record<string, any>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, any>);
      done();
    },
  });
  return { lines, stream };
}

describe('AppLogger', () => {
  it('writes Nest logger lines with their context, scrubbing personal data', () => {
    const out = capture();
    const app = new AppLogger(
      createRootLogger({ logLevel: 'info', nodeEnv: 'production' }, out.stream),
    );
    Logger.overrideLogger(app);
    const logger = new Logger('JobQueue');
    logger.warn('booking job 12 attempt 1 failed: thread 491701239999@s.whatsapp.net is busy');
    logger.error(
      'post-call failed for conv_01abcdef',
      'Error: +49 170 1234567\n    at x (y.ts:1:2)',
    );
    logger.debug('not at info');
    Logger.overrideLogger(false);
    expect(out.lines).toMatchObject([
      {
        level: 'warn',
        context: 'JobQueue',
        msg: 'booking job 12 attempt 1 failed: thread [email] is busy',
      },
      {
        level: 'error',
        context: 'JobQueue',
        msg: 'post-call failed for conv_[id]',
        err: { stack: 'Error: [number]\n    at x (y.ts:1:2)' },
      },
    ]);
    expect(out.lines).toHaveLength(2);
  });
});
