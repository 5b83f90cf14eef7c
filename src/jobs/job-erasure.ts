// Erasure of queued and archived jobs (pg-boss's tables) whose data or output mention an id:
// a person's erasure also reaches what is still waiting to run or kept as a finished job.
import { sql } from 'drizzle-orm';
import type { Queryable } from '../database/database.service';
import { affectedRows } from '../database/query-result';

export async function eraseJobsMentioning(q: Queryable, id: string): Promise<number> {
  let jobs = 0;
  for (const table of [sql`pgboss.job`, sql`pgboss.archive`])
    jobs += affectedRows(
      await q.execute(
        sql`DELETE FROM ${table} WHERE strpos(coalesce(data::text, '') || coalesce(output::text, ''), ${id}) > 0`,
      ),
    );
  return jobs;
}
