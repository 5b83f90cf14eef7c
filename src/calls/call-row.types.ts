// A call as stored, inferred from the schema; apart from the repository so the helpers it uses
// (link-call.resolver.ts) can name it without importing the repository back.
import type { calls } from '../database/schema';

export type CallRow = typeof calls.$inferSelect;
export type NewCall = typeof calls.$inferInsert;
