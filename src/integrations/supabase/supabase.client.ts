// Supabase REST (PostgREST): the current row of a table, to verify a change event against.
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { syncConfig } from '../../config/namespaces';
import { requestJson } from '../http-json';
import { UpstreamError } from '../upstream-error';

export type SourceRecord = { found: true; data: Record<string, unknown> } | { found: false };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

@Injectable()
export class SupabaseClient {
  constructor(@Inject(syncConfig.KEY) private readonly config: ConfigType<typeof syncConfig>) {}

  get configured(): boolean {
    return Boolean(this.config.supabaseUrl && this.config.supabaseKey);
  }

  /** `GET /rest/v1/{table}?{keyColumn}=eq.{id}`; an empty answer or an unknown table means "gone". */
  async getRecord(table: string, id: string, keyColumn = 'id'): Promise<SourceRecord> {
    if (!IDENTIFIER.test(table) || !IDENTIFIER.test(keyColumn)) return { found: false };
    const url = new URL(`${this.config.supabaseUrl}/rest/v1/${table}`);
    url.searchParams.set(keyColumn, `eq.${id}`);
    url.searchParams.set('select', '*');
    const key = this.config.supabaseKey as string;
    const { status, body } = await requestJson<Record<string, unknown>[]>(
      {
        upstream: 'Supabase',
        url: url.toString(),
        headers: { apikey: key, Authorization: `Bearer ${key}` },
        timeoutMs: this.config.sourceTimeoutMs,
      },
      [404],
    );
    if (status === 404) return { found: false };
    // Not a list of rows: an unexpected answer, never read as "the row is gone".
    if (!Array.isArray(body) || body.some((row) => !isObject(row)))
      throw UpstreamError.unexpected('Supabase', 'not a list of rows');
    if (body.length === 0) return { found: false };
    return { found: true, data: body[0] };
  }
}
