// Supabase REST (PostgREST): the current row of a table, to verify a change event against.
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { syncConfig } from '../../config/namespaces';
import { requestJson } from '../http-json';

export type SourceRecord = { found: true; data: Record<string, unknown> } | { found: false };

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
    if (status === 404 || !Array.isArray(body) || body.length === 0) return { found: false };
    return { found: true, data: body[0] };
  }
}
