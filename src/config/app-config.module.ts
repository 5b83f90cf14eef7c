// The app's configuration, built once from one validated environment: main.ts passes
// validateEnv(process.env), tests pass an object of their own. Nothing reads process.env here
// (no .env file, no predefined variables, ConfigService.get does not fall back to it either).
import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import type { EnvironmentVariables } from './env.schema';
import { loadNamespaces } from './namespaces';

@Module({})
export class AppConfigModule {
  static forRoot(env: EnvironmentVariables): Promise<DynamicModule> {
    return ConfigModule.forRoot({
      isGlobal: true,
      ignoreEnvFile: true,
      validatePredefined: false,
      skipProcessEnv: true,
      load: loadNamespaces(env),
    });
  }
}
