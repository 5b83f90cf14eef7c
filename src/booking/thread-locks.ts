// One worker at a time per booking thread: an in-process queue per thread, and across replicas
// a database lock (a thread held elsewhere makes the job retry a little later).
import { Injectable } from '@nestjs/common';
import { BUSY, DatabaseService } from '../database/database.service';

export class ThreadBusyError extends Error {
  override readonly name = 'ThreadBusyError';
}

@Injectable()
export class ThreadLocks {
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(private readonly database: DatabaseService) {}

  async run<T>(threadId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(threadId) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(() => this.exclusive(threadId, work));
    this.tails.set(threadId, current);
    try {
      return await current;
    } finally {
      if (this.tails.get(threadId) === current) this.tails.delete(threadId);
    }
  }

  private async exclusive<T>(threadId: string, work: () => Promise<T>): Promise<T> {
    const result = await this.database.tryExclusive(`booking:${threadId}`, work);
    if (result === BUSY)
      // The thread id is a phone number: the message (logged on retry) does not carry it.
      throw new ThreadBusyError('the thread is being processed by another replica');
    return result;
  }
}
