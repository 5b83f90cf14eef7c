import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditTrail } from './audit-trail.service';

/**
 * Global: every feature's controllers use @Audited (its interceptor needs AuditTrail), console
 * sign-in uses AuditTrail.
 */
@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditTrail],
  exports: [AuditTrail],
})
export class AuditModule {}
