// Notion's verification handshake is unsigned, so anyone can post one. Each distinct token is
// kept (when, how often, from which address) instead of the last one overwriting the others: the
// operator sees every token that arrived, and which one, if any, is configured.
import { Injectable, Logger } from '@nestjs/common';
import { eq, sql } from 'drizzle-orm';
import { DatabaseService } from '../database/database.service';
import { settings } from '../database/schema';

const HANDSHAKES_KEY = 'notion.handshakes';
/** Distinct tokens kept; the least recently seen goes first (unsigned posts are cheap). */
export const MAX_HANDSHAKES = 50;
/** Source addresses kept per token. */
const MAX_ADDRESSES = 10;

export interface NotionHandshake {
  verification_token: string;
  first_received_at: string;
  last_received_at: string;
  count: number;
  source_addresses: string[];
}

@Injectable()
export class NotionHandshakesRepository {
  private readonly logger = new Logger('Sync');

  constructor(private readonly database: DatabaseService) {}

  /**
   * Merges one handshake into the list in a single statement, so concurrent handshakes on
   * several replicas never lose one another.
   */
  async record(token: string, sourceAddress: string): Promise<void> {
    const now = new Date().toISOString();
    const entry: NotionHandshake = {
      verification_token: token,
      first_received_at: now,
      last_received_at: now,
      count: 1,
      source_addresses: [sourceAddress],
    };
    await this.database.db
      .insert(settings)
      .values({ key: HANDSHAKES_KEY, value: [entry] })
      .onConflictDoUpdate({
        target: settings.key,
        set: {
          value: sql`(
            SELECT jsonb_agg(merged) FROM (
              SELECT CASE WHEN old->>'verification_token' = ${token}::text
                THEN old || jsonb_build_object(
                  'last_received_at', ${now}::text,
                  'count', (old->>'count')::int + 1,
                  'source_addresses', CASE
                    WHEN old->'source_addresses' @> jsonb_build_array(${sourceAddress}::text)
                      OR jsonb_array_length(old->'source_addresses') >= ${MAX_ADDRESSES}::int
                    THEN old->'source_addresses'
                    ELSE old->'source_addresses' || jsonb_build_array(${sourceAddress}::text)
                  END)
                ELSE old END AS merged
              FROM jsonb_array_elements(${settings.value}) old
              UNION ALL
              SELECT ${JSON.stringify(entry)}::jsonb
              WHERE NOT EXISTS (
                SELECT 1 FROM jsonb_array_elements(${settings.value}) seen
                WHERE seen->>'verification_token' = ${token}::text
              )
            ) entries
          )`,
          updatedAt: sql`now()`,
        },
      });
    await this.trim();
    this.logger.warn(
      `Notion verification handshake from ${sourceAddress}: compare it in GET /api/v1/webhooks/notion/verification before configuring NOTION_VERIFICATION_TOKEN`,
    );
  }

  /** Newest first. */
  async list(): Promise<NotionHandshake[]> {
    const [row] = await this.database.db
      .select()
      .from(settings)
      .where(eq(settings.key, HANDSHAKES_KEY));
    const value = row?.value;
    if (!Array.isArray(value)) return [];
    return (value as NotionHandshake[]).sort((a, b) =>
      b.last_received_at.localeCompare(a.last_received_at),
    );
  }

  /** Keeps the MAX_HANDSHAKES most recently seen tokens. */
  private async trim(): Promise<void> {
    await this.database.db
      .update(settings)
      .set({
        value: sql`(
          SELECT coalesce(jsonb_agg(e ORDER BY e->>'last_received_at' DESC), '[]'::jsonb)
          FROM (
            SELECT e FROM jsonb_array_elements(${settings.value}) e
            ORDER BY e->>'last_received_at' DESC LIMIT ${MAX_HANDSHAKES}
          ) newest
        )`,
      })
      .where(
        sql`${settings.key} = ${HANDSHAKES_KEY} AND jsonb_array_length(${settings.value}) > ${MAX_HANDSHAKES}`,
      );
  }
}
