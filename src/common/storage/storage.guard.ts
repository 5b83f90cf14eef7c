// Refuses requests that would write while the embedded database's disk is full or read-only
// (StorageMonitor), before any handler starts a write it could not finish.
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { StorageMonitor } from './storage-monitor';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

@Injectable()
export class StorageGuard implements CanActivate {
  constructor(private readonly storage: StorageMonitor) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (!READS.has(req.method)) this.storage.assertWritable();
    return true;
  }
}
