import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { databaseConfig } from '../config/namespaces';
import { DatabaseService } from './database.service';

@Global()
@Module({
  providers: [
    {
      provide: DatabaseService,
      inject: [databaseConfig.KEY],
      useFactory: (config: ConfigType<typeof databaseConfig>) =>
        DatabaseService.open({ url: config.url, pgliteDir: config.pgliteDir }),
    },
  ],
  exports: [DatabaseService],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DatabaseService) private readonly database: DatabaseService) {}

  /** Runs after every other module stopped (jobs drained), so nothing queries a closed database. */
  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}
