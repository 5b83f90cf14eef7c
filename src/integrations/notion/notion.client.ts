// Notion through the official SDK (base URL configurable): the current page or database, to
// verify a sparse change event against. Retries are the job queue's, not the SDK's.
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import {
  APIErrorCode,
  Client,
  ClientErrorCode,
  isNotionClientError,
  LogLevel,
} from '@notionhq/client';
import { syncConfig } from '../../config/namespaces';
import type { SourceRecord } from '../supabase/supabase.client';
import { UpstreamError } from '../upstream-error';

const GONE = new Set<string>([APIErrorCode.ObjectNotFound]);

@Injectable()
export class NotionClient {
  private readonly client?: Client;

  constructor(@Inject(syncConfig.KEY) private readonly config: ConfigType<typeof syncConfig>) {
    if (config.notionApiKey) {
      this.client = new Client({
        auth: config.notionApiKey,
        baseUrl: config.notionApiUrl,
        notionVersion: config.notionVersion,
        timeoutMs: config.sourceTimeoutMs,
        retry: false,
        logLevel: LogLevel.ERROR,
      });
    }
  }

  get configured(): boolean {
    return this.client !== undefined;
  }

  /** The entity's current state; archived or trashed counts as gone. */
  async getEntity(type: string, id: string): Promise<SourceRecord> {
    if (!this.client) throw new Error('Notion is not configured');
    try {
      const entity =
        type === 'database'
          ? await this.client.databases.retrieve({ database_id: id })
          : await this.client.pages.retrieve({ page_id: id });
      const data = entity as unknown as Record<string, unknown>;
      if (typeof data !== 'object' || data === null || typeof data.id !== 'string')
        throw UpstreamError.unexpected('Notion', `a ${type} without an id`);
      if (data.archived === true || data.in_trash === true) return { found: false };
      return { found: true, data };
    } catch (error) {
      throw this.translate(error);
    }
  }

  private translate(error: unknown): unknown {
    // The SDK parses the answer itself: text that is not JSON surfaces as a SyntaxError.
    if (error instanceof SyntaxError) return UpstreamError.unexpected('Notion', 'not JSON');
    if (!isNotionClientError(error)) return error;
    if (error.code === ClientErrorCode.RequestTimeout) {
      return UpstreamError.timeout('Notion', this.config.sourceTimeoutMs);
    }
    const status = 'status' in error ? (error as { status: number }).status : undefined;
    if (GONE.has(error.code))
      return Object.assign(new UpstreamError('Notion', 'http', error.message, status), {
        gone: true,
      });
    return new UpstreamError('Notion', 'http', error.message, status ?? 502);
  }
}

export function isGone(error: unknown): boolean {
  return (
    error instanceof UpstreamError && (error as UpstreamError & { gone?: boolean }).gone === true
  );
}
