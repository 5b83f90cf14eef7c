// Who did what (issue 25): one audit_log row per state-changing action by an API client or a
// console user. Controllers declare it with @Audited; the console's sign-in calls record() itself.
// A target that can name a person is stored as its SHA-256 only.
import { Injectable, Logger } from '@nestjs/common';
import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { Principal } from '../common/auth/principal';
import { DatabaseService } from '../database/database.service';
import { auditLog } from '../database/schema';

export interface AuditActor {
  kind: 'client' | 'person';
  name: string;
}

export interface AuditEntry {
  action: string;
  /** The client or person; undefined for an anonymous failure (e.g. a failed sign-in). */
  actor?: AuditActor;
  target?: { kind: string; id: string; personal: boolean };
  outcome: 'success' | 'failure';
  details?: Record<string, unknown>;
  requestId?: string;
  sourceIp?: string;
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  outcome?: string;
  since?: Date;
  until?: Date;
  /** Rows with an id below this one (the previous page's `next_before`). */
  before?: number;
  limit: number;
}

export const sha256Hex = (value: string): string =>
  createHash('sha256').update(value, 'utf8').digest('hex');

@Injectable()
export class AuditTrail {
  private readonly logger = new Logger('Audit');

  constructor(private readonly database: DatabaseService) {}

  /** Writes one row. Never throws: a lost audit row is logged, the action's answer stands. */
  async record(entry: AuditEntry): Promise<void> {
    const target = entry.target;
    try {
      await this.database.db.insert(auditLog).values({
        action: entry.action,
        actorKind: entry.actor?.kind ?? null,
        actor: entry.actor?.name ?? null,
        subjectKind: target?.kind ?? null,
        subjectDigest: target ? (target.personal ? sha256Hex(target.id) : target.id) : null,
        outcome: entry.outcome,
        details: entry.details ?? {},
        requestId: entry.requestId ?? null,
        sourceIp: entry.sourceIp ?? null,
      });
    } catch (error) {
      this.logger.error(`audit row for ${entry.action} not written: ${(error as Error).message}`);
    }
  }

  /** The request's actor, id and source IP, for record(). */
  static context(req: Request): Pick<AuditEntry, 'actor' | 'requestId' | 'sourceIp'> {
    const principal: Principal | undefined = req.principal;
    return {
      actor: principal && { kind: principal.kind, name: principal.name },
      requestId: typeof req.id === 'string' ? req.id : undefined,
      sourceIp: req.ip,
    };
  }

  /** Newest first. */
  async list(query: AuditQuery) {
    const where: SQL[] = [];
    if (query.actor) where.push(eq(auditLog.actor, query.actor));
    if (query.action) where.push(eq(auditLog.action, query.action));
    if (query.outcome) where.push(eq(auditLog.outcome, query.outcome));
    if (query.since) where.push(gte(auditLog.at, query.since));
    if (query.until) where.push(lte(auditLog.at, query.until));
    if (query.before !== undefined) where.push(lt(auditLog.id, query.before));
    const rows = await this.database.db
      .select()
      .from(auditLog)
      .where(and(...where))
      .orderBy(desc(auditLog.id))
      .limit(query.limit + 1);
    const page = rows.slice(0, query.limit);
    return {
      entries: page.map((row) => ({
        id: row.id,
        at: row.at.toISOString(),
        action: row.action,
        actor_kind: row.actorKind,
        actor: row.actor,
        target_kind: row.subjectKind,
        target: row.subjectDigest,
        outcome: row.outcome,
        details: row.details,
        request_id: row.requestId,
        source_ip: row.sourceIp,
      })),
      next_before: rows.length > query.limit ? page[page.length - 1].id : null,
    };
  }

  /** Retention (AUDIT_RETENTION_DAYS): rows older than the cutoff. */
  async prune(cutoff: Date): Promise<number> {
    const gone = await this.database.db
      .delete(auditLog)
      .where(lt(auditLog.at, cutoff))
      .returning({ id: auditLog.id });
    return gone.length;
  }
}
