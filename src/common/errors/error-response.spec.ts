// A write the disk refused, as the embedded database reports it: a PostgreSQL error with a
// generic SQLSTATE whose message names the errno. It is the storage's 503 / 507, not a 500.
import { buildErrorResponse } from './error-response';

const pgError = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('errors of a refused disk write', () => {
  it('a read-only disk under the embedded database: 503 storage_read_only with Retry-After', () => {
    const answer = buildErrorResponse(
      pgError('could not extend file "base/5/16421": Read-only file system', '42501'),
      'req-1',
    );
    expect(answer).toMatchObject({
      status: 503,
      body: { code: 'storage_read_only' },
      headers: { 'Retry-After': '5' },
      unexpected: false,
    });
  });

  it('a full disk: 507 insufficient_storage with Retry-After', () => {
    const answer = buildErrorResponse(
      pgError('could not write to file "pg_wal/xlogtemp.42": No space left on device', '58030'),
      'req-2',
    );
    expect(answer).toMatchObject({
      status: 507,
      body: { code: 'insufficient_storage' },
      headers: { 'Retry-After': '5' },
    });
  });

  it('a real privilege error stays what it is (not a storage answer)', () => {
    const answer = buildErrorResponse(pgError('permission denied for table events', '42501'), 'r');
    expect(answer.body.code).not.toBe('storage_read_only');
  });
});
