// The middle test tier: services and repositories on the real database (PGlite in a temp
// directory, migrations applied) with only the edges faked; no HTTP, no app boot.
//   const m = await newMedium({ providers: [IdempotencyService] });
//   m.get(IdempotencyService) ... await m.close();
import type { DynamicModule, InjectionToken, Provider, Type } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { rmSync } from 'node:fs';
import { AppConfigModule } from '../../src/config/app-config.module';
import { validateEnv } from '../../src/config/validate-env';
import { DatabaseModule } from '../../src/database/database.module';
import { DatabaseService } from '../../src/database/database.service';
import { JobsModule } from '../../src/jobs/jobs.module';
import { MetricsModule } from '../../src/metrics/metrics.module';
import { scratchDir } from '../support/scratch';

export interface MediumOptions {
  /** The real classes under test and the real repositories they use. */
  providers?: Provider[];
  /** Feature modules to load whole. */
  imports?: (Type | DynamicModule)[];
  /** Fakes for the edges: upstream clients, clocks, another replica. */
  fakes?: { provide: InjectionToken; useValue: unknown }[];
  /** The real job queue (pg-boss on the same database); off unless the test needs jobs. */
  jobs?: boolean;
  /** Settings for this module, on top of the test defaults (undefined = the schema's default). */
  env?: Record<string, string | undefined>;
}

export interface Medium {
  module: TestingModule;
  database: DatabaseService;
  get<T>(token: Type<T> | InjectionToken): T;
  close(): Promise<void>;
}

export async function newMedium(options: MediumOptions = {}): Promise<Medium> {
  const dataDir = scratchDir('hoc-medium-');
  let module: TestingModule | undefined;
  try {
    // Only these settings: the host's environment plays no part.
    const env = validateEnv({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
      ...options.env,
    });
    let builder = Test.createTestingModule({
      imports: [
        AppConfigModule.forRoot(env),
        MetricsModule,
        DatabaseModule,
        ...(options.jobs ? [JobsModule] : []),
        ...(options.imports ?? []),
      ],
      providers: [...(options.providers ?? []), ...(options.fakes ?? [])],
    });
    // Also replaces a provider that an imported module declares.
    for (const fake of options.fakes ?? [])
      builder = builder.overrideProvider(fake.provide).useValue(fake.useValue);
    module = await builder.compile();
    await module.init();
  } catch (error) {
    // A module that compiled but failed to start may have started its job queue: stopped here,
    // or its timers fire after this file's environment is gone and fail the next file.
    await module?.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    module,
    database: module.get(DatabaseService),
    get: <T>(token: Type<T> | InjectionToken) => module.get<T>(token),
    async close() {
      await module.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
