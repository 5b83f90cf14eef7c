// Console sessions and sign-ins under way, in the database so that every replica knows them.
// Rows are keyed by the SHA-256 of the cookie's random id: a dump of the table signs nobody in.
import { Injectable } from '@nestjs/common';
import { and, eq, gt, lte } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { DatabaseService } from '../database/database.service';
import { consoleSessions, consoleSignIns } from '../database/schema';

export type SessionRow = typeof consoleSessions.$inferSelect;
export type SignInRow = typeof consoleSignIns.$inferSelect;

export const digest = (id: string): string => createHash('sha256').update(id).digest('hex');

@Injectable()
export class ConsoleSessionsRepository {
  constructor(private readonly database: DatabaseService) {}

  async saveSignIn(id: string, row: Omit<SignInRow, 'idDigest'>): Promise<void> {
    await this.database.db.insert(consoleSignIns).values({ idDigest: digest(id), ...row });
  }

  /** The sign-in under way, removed as it is read: a callback can be used once. Null if expired. */
  async takeSignIn(id: string): Promise<SignInRow | null> {
    const [row] = await this.database.db
      .delete(consoleSignIns)
      .where(eq(consoleSignIns.idDigest, digest(id)))
      .returning();
    return row && row.expiresAt.getTime() > Date.now() ? row : null;
  }

  async createSession(id: string, row: Omit<SessionRow, 'idDigest' | 'createdAt'>): Promise<void> {
    await this.database.db.insert(consoleSessions).values({ idDigest: digest(id), ...row });
  }

  /** The live session, or null when unknown or expired. */
  async findSession(id: string): Promise<SessionRow | null> {
    const [row] = await this.database.db
      .select()
      .from(consoleSessions)
      .where(
        and(eq(consoleSessions.idDigest, digest(id)), gt(consoleSessions.expiresAt, new Date())),
      );
    return row ?? null;
  }

  /** Ends a session; the removed row (for the audit trail), or null when there was none. */
  async deleteSession(id: string): Promise<SessionRow | null> {
    const [row] = await this.database.db
      .delete(consoleSessions)
      .where(eq(consoleSessions.idDigest, digest(id)))
      .returning();
    return row ?? null;
  }

  /** Removes expired sessions and abandoned sign-ins; called on each sign-in, so no timer. */
  async pruneExpired(): Promise<void> {
    const now = new Date();
    await this.database.db.delete(consoleSessions).where(lte(consoleSessions.expiresAt, now));
    await this.database.db.delete(consoleSignIns).where(lte(consoleSignIns.expiresAt, now));
  }
}
