// The console's sign-in audit rows. SEAM: the identity work (issue 25) adds an AuditTrail service
// with actor, target, source IP and outcome columns; until it lands these rows go through the
// existing audit_log columns, the actor and outcome in `details`. Replace the body of `record`
// with the AuditTrail call; callers stay as they are.
import { Injectable, Logger } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import type { Request } from 'express';
import { DatabaseService } from '../database/database.service';
import { digest } from './console-sessions.repository';

export type ConsoleAuthAction = 'console_sign_in' | 'console_sign_out';

export interface ConsoleAuthOutcome {
  /** The person, when known (a failed sign-in before the ID token was verified has none). */
  person?: string;
  outcome: 'success' | 'failure';
  /** Why a sign-in failed, in words that name no secret (never the code, state or a token). */
  reason?: string;
}

@Injectable()
export class ConsoleAuthAudit {
  private readonly logger = new Logger('ConsoleAuth');

  constructor(private readonly database: DatabaseService) {}

  async record(action: ConsoleAuthAction, req: Request, entry: ConsoleAuthOutcome): Promise<void> {
    const details = {
      actor: entry.person ?? null,
      outcome: entry.outcome,
      reason: entry.reason ?? null,
      source_ip: req.ip ?? null,
    };
    await this.database.db.execute(sql`
      INSERT INTO audit_log (action, subject_kind, subject_digest, details, request_id)
      VALUES (${action}, 'person', ${digest(entry.person ?? '')}, ${JSON.stringify(details)}::jsonb,
              ${typeof req.id === 'string' ? req.id : null})`);
    if (entry.outcome === 'failure') this.logger.warn(`console sign-in refused: ${entry.reason}`);
  }
}
