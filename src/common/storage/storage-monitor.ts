// Watches the disk under DATA_DIR while the embedded database lives there. PostgreSQL (and so
// PGlite) stops with a PANIC when its WAL cannot be written, which for an embedded database
// means a dead process and a data directory to recover. So writes are refused before the disk
// is full: below MIN_FREE_BYTES free, or on a read-only file system, every mutating request is
// answered 507 / 503 with Retry-After (StorageGuard) and readiness reports the disk down; both
// clear by themselves once space is freed or the mount is writable again.
import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { statfs, writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { appConfig } from '../../config/namespaces';
import { DatabaseService } from '../../database/database.service';
import { parseByteSize } from '../http/raw-body';
import { ApiException } from '../errors/api.exception';

const CHECK_INTERVAL_MS = 1000;
/** Every n-th check also writes a probe file, to notice a mount that turned read-only. */
const WRITE_PROBE_EVERY = 3;

export type StorageStatus = 'ok' | 'full' | 'read_only';

export interface StorageState {
  status: StorageStatus;
  path: string;
  free_bytes: number | null;
  min_free_bytes: number;
}

@Injectable()
export class StorageMonitor implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Storage');
  private timer?: NodeJS.Timeout;
  private ticks = 0;
  /** Room for the largest body the app accepts, twice, and the WAL it causes; at least 64 MiB. */
  readonly minFreeBytes: number;
  private current: StorageState;

  constructor(
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
    private readonly database: DatabaseService,
  ) {
    const largestBody = Math.max(
      ...Object.values(config.bodyLimits).map((limit) => parseByteSize(limit)),
    );
    this.minFreeBytes = Math.max(64 * 1024 ** 2, 2 * largestBody);
    this.current = {
      status: 'ok',
      path: config.dataDir,
      free_bytes: null,
      min_free_bytes: this.minFreeBytes,
    };
  }

  /** Only the embedded database writes to the local disk before an acknowledgement. */
  get watched(): boolean {
    return this.database.driver === 'pglite';
  }

  get state(): StorageState {
    return this.current;
  }

  async onModuleInit(): Promise<void> {
    if (!this.watched) return;
    await this.check();
    this.timer = setInterval(() => void this.check(), CHECK_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Throws the answer for a write while the disk cannot take one. */
  assertWritable(): void {
    const { status, free_bytes } = this.current;
    if (status === 'full')
      throw new ApiException({
        status: 507,
        code: 'insufficient_storage',
        error: 'Insufficient storage',
        message: 'The server is out of disk space; retry later',
        details: { free_bytes, min_free_bytes: this.minFreeBytes },
        headers: { 'Retry-After': '60' },
      });
    if (status === 'read_only')
      throw new ApiException({
        status: 503,
        code: 'storage_read_only',
        error: 'Service unavailable',
        message: 'The data directory is read-only; retry later',
        headers: { 'Retry-After': '60' },
      });
  }

  async check(): Promise<StorageState> {
    const dir = this.config.dataDir;
    let free: number;
    try {
      const stats = await statfs(dir);
      free = stats.bavail * stats.bsize;
    } catch (error) {
      this.logger.warn(`cannot inspect ${dir}: ${(error as Error).message}`);
      return this.current;
    }
    let status: StorageStatus = free < this.minFreeBytes ? 'full' : 'ok';
    // statfs cannot tell a read-only mount: a probe write can (every tick while unwell).
    const probeNow = this.current.status !== 'ok' || this.ticks++ % WRITE_PROBE_EVERY === 0;
    if (status === 'ok' && probeNow) status = (await this.probeWrite(dir)) ?? 'ok';
    this.transition({ ...this.current, status, free_bytes: free });
    return this.current;
  }

  private async probeWrite(dir: string): Promise<StorageStatus | null> {
    const probe = join(dir, '.write-probe');
    try {
      await writeFile(probe, 'ok');
      await rm(probe, { force: true });
      return null;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC' || code === 'EDQUOT') return 'full';
      if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'read_only';
      return null;
    }
  }

  private transition(next: StorageState): void {
    const before = this.current.status;
    this.current = next;
    if (before === next.status) return;
    const mb = (bytes: number | null) => (bytes === null ? '?' : Math.round(bytes / 1024 ** 2));
    if (next.status === 'ok')
      this.logger.log(
        `${next.path} writable again (${mb(next.free_bytes)} MB free): accepting writes`,
      );
    else
      this.logger.error(
        next.status === 'full'
          ? `${next.path}: ${mb(next.free_bytes)} MB free, below ${mb(this.minFreeBytes)} MB: refusing writes with 507 until space is freed`
          : `${next.path} is read-only: refusing writes with 503 until it is writable`,
      );
  }
}
