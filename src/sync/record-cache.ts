// Reads of synced records, cached per replica and invalidated by the events that change them.
// Another replica's cached copy can lag by at most TTL_MS after a change it did not process.
import { Injectable } from '@nestjs/common';

const TTL_MS = 30_000;
const MAX_ENTRIES = 5_000;

@Injectable()
export class RecordCache<T = unknown> {
  private readonly entries = new Map<string, { value: T; expires: number }>();

  static key(source: string, table: string, recordId: string): string {
    return `${source}\u0000${table}\u0000${recordId}`;
  }

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires < Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: T): void {
    // Map keeps insertion order: dropping the first key evicts the oldest entry.
    if (this.entries.size >= MAX_ENTRIES)
      this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { value, expires: Date.now() + TTL_MS });
  }

  invalidate(key: string): void {
    this.entries.delete(key);
  }
}
