import { Global, Module } from '@nestjs/common';
import { StorageGuard } from './storage.guard';
import { StorageMonitor } from './storage-monitor';

@Global()
@Module({ providers: [StorageMonitor, StorageGuard], exports: [StorageMonitor, StorageGuard] })
export class StorageModule {}
