import { endProcessOnPanic, isPanic, type PanicExit } from './embedded-panic';

const panic = Object.assign(
  new Error('could not fsync file "000000010000000000000001": I/O error'),
  {
    severity: 'PANIC',
    code: '58030',
  },
);
const plainError = Object.assign(new Error('duplicate key value'), { severity: 'ERROR' });

function fakeClient(failure?: Error) {
  const fail = () => (failure ? Promise.reject(failure) : Promise.resolve({ rows: [] }));
  return {
    calls: 0,
    query(this: { calls: number }) {
      this.calls += 1;
      return fail();
    },
    exec: () => fail(),
    transaction: () => fail(),
  };
}

function exitSpy(refusedWith?: string) {
  const lines: string[] = [];
  const exit: PanicExit & { killed: number } = {
    killed: 0,
    probe: () => refusedWith,
    write: (line) => lines.push(line),
    kill: () => (exit.killed += 1),
  };
  return { exit, lines };
}

describe('endProcessOnPanic', () => {
  it.each(['query', 'exec', 'transaction'] as const)(
    'a PANIC from %s ends the process with one line naming the directory and why',
    async (method) => {
      const client = fakeClient(panic);
      const { exit, lines } = exitSpy('EROFS');
      endProcessOnPanic(client, '/data/pglite', exit);
      await expect(client[method]()).rejects.toBe(panic);
      expect(exit.killed).toBe(1);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(
        'FATAL: the embedded database at /data/pglite stopped: the directory refuses writes (EROFS): could not fsync file',
      );
      expect(lines[0]).toMatch(/once the directory is writable/);
    },
  );

  it('says so when the directory is writable after all', async () => {
    const client = fakeClient(panic);
    const { exit, lines } = exitSpy(undefined);
    endProcessOnPanic(client, '/data/pglite', exit);
    await expect(client.query()).rejects.toBe(panic);
    expect(exit.killed).toBe(1);
    expect(lines[0]).toMatch(
      /^FATAL: the embedded database at \/data\/pglite stopped: could not fsync/,
    );
    expect(lines[0]).not.toContain('refuses writes');
  });

  it('passes other errors and results through and keeps the process', async () => {
    const failing = fakeClient(plainError);
    const { exit, lines } = exitSpy('EROFS');
    endProcessOnPanic(failing, '/data/pglite', exit);
    await expect(failing.query()).rejects.toBe(plainError);
    const working = fakeClient();
    endProcessOnPanic(working, '/data/pglite', exit);
    await expect(working.query()).resolves.toEqual({ rows: [] });
    expect(working.calls).toBe(1);
    expect(exit.killed).toBe(0);
    expect(lines).toEqual([]);
  });

  it('tells a PANIC from other errors by its severity', () => {
    expect(isPanic(panic)).toBe(true);
    expect(isPanic(plainError)).toBe(false);
    expect(isPanic('PANIC')).toBe(false);
    expect(isPanic(null)).toBe(false);
  });
});
