import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditController } from './audit.controller';
import { AuditTrail } from './audit-trail.service';
import { AuditInterceptor } from './audited';

/** Global: every feature's controllers use @Audited, console sign-in uses AuditTrail. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditTrail, { provide: APP_INTERCEPTOR, useClass: AuditInterceptor }],
  exports: [AuditTrail],
})
export class AuditModule {}
