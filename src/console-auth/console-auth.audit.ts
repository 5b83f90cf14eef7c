// The console's sign-in audit rows: sign-in, sign-out and refused sign-ins, each one row of the
// audit trail with the person (when known), the outcome and the source IP. The reason of a refusal
// never names the code, the state or a token.
import { Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { AuditTrail } from '../audit/audit-trail.service';

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

  constructor(private readonly trail: AuditTrail) {}

  async record(action: ConsoleAuthAction, req: Request, entry: ConsoleAuthOutcome): Promise<void> {
    await this.trail.record({
      action,
      actor: entry.person ? { kind: 'person', name: entry.person } : undefined,
      outcome: entry.outcome,
      details: entry.reason ? { reason: entry.reason } : {},
      requestId: typeof req.id === 'string' ? req.id : undefined,
      sourceIp: req.ip,
    });
    if (entry.outcome === 'failure') this.logger.warn(`console sign-in refused: ${entry.reason}`);
  }
}
