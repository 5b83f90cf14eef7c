// Console sign-in through the company's identity provider. Binds the guard's SESSION_AUTHENTICATOR
// only when an issuer is configured; without one the console signs in with API tokens alone.
import { Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { SESSION_AUTHENTICATOR } from '../common/auth/session-authenticator';
import { consoleAuthConfig } from '../config/namespaces';
import { ConsoleAuthAudit } from './console-auth.audit';
import { ConsoleAuthController } from './console-auth.controller';
import { ConsoleAuthService } from './console-auth.service';
import { ConsoleSessionAuthenticator } from './console-session.authenticator';
import { ConsoleSessionsRepository } from './console-sessions.repository';
import { OidcClientService } from './oidc-client.service';

@Module({
  controllers: [ConsoleAuthController],
  providers: [
    ConsoleSessionsRepository,
    ConsoleSessionAuthenticator,
    ConsoleAuthAudit,
    OidcClientService,
    ConsoleAuthService,
    {
      provide: SESSION_AUTHENTICATOR,
      inject: [consoleAuthConfig.KEY, ConsoleSessionAuthenticator],
      useFactory: (
        config: ConfigType<typeof consoleAuthConfig>,
        authenticator: ConsoleSessionAuthenticator,
      ) => (config.oidc ? authenticator : null),
    },
  ],
  exports: [SESSION_AUTHENTICATOR],
})
export class ConsoleAuthModule {}
