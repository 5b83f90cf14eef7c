// The whole relational model. Migrations in ./migrations are generated from this file
// (`npm run db:generate`) and applied at start-up.
import { sql } from 'drizzle-orm';
import type { Json } from '../common/json/json-object';
// The shapes of feature-owned jsonb columns, as types only (eslint.config.mjs allows just these).
import type { CallArtefact, CallResults, TimelineEntry } from '../calls/call.types';
import type { CampaignPackage } from '../campaigns/campaign-package.types';
import type { AttemptEntry } from '../events/attempt-entry.types';
import {
  bigint,
  bigserial,
  boolean,
  customType,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** Raw bytes; the driver hands Buffers (pg) or Uint8Arrays (PGlite) both ways. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** The inbox: every inbound webhook, deduplicated, with its processing state. */
export const events = pgTable(
  'events',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    /** Monotonic order for cursors (uuid v4 does not sort). */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    source: text('source').notNull(),
    type: text('type').notNull(),
    dedupKey: text('dedup_key').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    status: text('status', { enum: ['received', 'processing', 'processed', 'failed', 'dead'] })
      .notNull()
      .default('received'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    processingMs: integer('processing_ms'),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    /** Free-form outcome notes, e.g. `{"verified":false}`. */
    outcome: jsonb('outcome').$type<Json>(),
    payload: jsonb('payload').notNull(),
    requestId: text('request_id'),
    /** Excluded from stats: events run by `POST /api/v1/webhooks/test`. */
    countsInStats: boolean('counts_in_stats').notNull().default(true),
    /** The request headers as received, secrets and signatures redacted. */
    headers: jsonb('headers').$type<Record<string, string>>(),
    /** What the event concerns: record id, conversation id, thread id or campaign id. */
    subject: text('subject'),
    /** `[{at, kind, duration_ms?, error?, reason?}]`: every processing attempt and replay. */
    attemptLog: jsonb('attempt_log')
      .$type<AttemptEntry[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** When processing last finished (success or failure), for failure rates over a window. */
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    /**
     * The event-table queue that processes it (event-queue.service.ts), null for events processed
     * elsewhere (pg-boss) or not at all. The queue is the unfinished rows of the table itself.
     */
    queue: text('queue'),
    /** Not claimable before this: the retry backoff. */
    availableAt: timestamp('available_at', { withTimezone: true }).notNull().defaultNow(),
    /** The lease of the replica processing it; lapsed, the event can be claimed again. */
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    /** Which claim holds it: only that claim's completion counts. */
    claimToken: uuid('claim_token'),
    /** Attempts since the last replay, against the queue's retry limit. */
    tries: integer('tries').notNull().default(0),
  },
  (t) => [
    index('events_claimable_idx')
      .on(t.queue, t.availableAt)
      .where(sql`queue IS NOT NULL AND status IN ('received', 'processing', 'failed')`),
    uniqueIndex('events_dedup_key_uq').on(t.dedupKey),
    uniqueIndex('events_seq_uq').on(t.seq),
    index('events_source_status_idx').on(t.source, t.status),
    index('events_subject_idx').on(t.subject),
    index('events_received_at_idx').on(t.receivedAt),
    index('events_last_attempt_idx').on(t.lastAttemptAt),
  ],
);

/**
 * Post-call artefacts (transcription JSON, audio, failure JSON), committed with their event so
 * every replica serves them. One per call and kind: a later delivery replaces the bytes.
 * `bytes` is stored uncompressed out of line (migration sets STORAGE EXTERNAL), so downloads
 * read it in slices without loading the whole value.
 */
export const artefacts = pgTable(
  'artefacts',
  {
    conversationId: text('conversation_id').notNull(),
    kind: text('kind', { enum: ['transcription', 'audio', 'failure'] }).notNull(),
    eventId: uuid('event_id').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    /** The bytes when `parts` is 0; empty when they are stored in `artefact_parts`. */
    bytes: bytea('bytes').notNull(),
    /** Slices in `artefact_parts` (artefacts over ARTEFACT_PART_BYTES); 0 = the bytes are inline. */
    parts: integer('parts').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.kind] })],
);

/**
 * A large artefact in slices, so no single statement carries more than one slice: the embedded
 * database's WebAssembly memory grows to hold the largest value a statement handles and never
 * shrinks (a 22 MB recording written whole grew it by ~170 MB).
 */
export const artefactParts = pgTable(
  'artefact_parts',
  {
    conversationId: text('conversation_id').notNull(),
    kind: text('kind').notNull(),
    part: integer('part').notNull(),
    bytes: bytea('bytes').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.kind, t.part] }),
    foreignKey({
      columns: [t.conversationId, t.kind],
      foreignColumns: [artefacts.conversationId, artefacts.kind],
    }).onDelete('cascade'),
  ],
);

/** Built campaign packages, one per campaign. */
export const campaignPackages = pgTable('campaign_packages', {
  campaignId: text('campaign_id').primaryKey(),
  packageId: uuid('package_id').notNull(),
  companyName: text('company_name').notNull(),
  sourceHash: text('source_hash').notNull(),
  questionCount: integer('question_count').notNull(),
  content: jsonb('content').$type<CampaignPackage>().notNull(),
  uploadStatus: text('upload_status', { enum: ['disabled', 'queued', 'uploaded', 'failed'] })
    .notNull()
    .default('disabled'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** One outbound (or link-mode) screening call and everything learned about it. */
export const calls = pgTable(
  'calls',
  {
    conversationId: text('conversation_id').primaryKey(),
    campaignId: text('campaign_id').notNull(),
    candidateFirstName: text('candidate_first_name').notNull(),
    candidateLastName: text('candidate_last_name').notNull(),
    companyName: text('company_name').notNull(),
    toNumber: text('to_number'),
    mode: text('mode', { enum: ['phone', 'link'] }).notNull(),
    status: text('status').notNull(),
    request: jsonb('request').$type<Json>().notNull(),
    /** `[{status, at, detail?}]`, appended on every change. */
    timeline: jsonb('timeline')
      .$type<TimelineEntry[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    results: jsonb('results').$type<CallResults>(),
    /** The stored artefacts by kind (`transcription`, `audio`, `failure`). */
    artefacts: jsonb('artefacts')
      .$type<Record<string, CallArtefact>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('calls_campaign_idx').on(t.campaignId)],
);

/** Answers of `Idempotency-Key` requests, kept 24 h. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: text('status', { enum: ['pending', 'done'] }).notNull(),
    responseStatus: integer('response_status'),
    responseBody: jsonb('response_body'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);

/** The local copy of Supabase rows and Notion pages. */
export const syncRecords = pgTable(
  'sync_records',
  {
    source: text('source').notNull(),
    tableName: text('table_name').notNull(),
    recordId: text('record_id').notNull(),
    data: jsonb('data').$type<Json>(),
    deleted: boolean('deleted').notNull().default(false),
    verified: boolean('verified').notNull().default(false),
    sourceUpdatedAt: timestamp('source_updated_at', { withTimezone: true }),
    lastEventId: uuid('last_event_id'),
    /** Arrival order (event seq) of the last write: orders changes that carry no timestamp. */
    arrivalSeq: bigint('arrival_seq', { mode: 'number' }),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.source, t.tableName, t.recordId] })],
);

/** Operator-visible key/value state, e.g. the last Notion verification handshake. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: updatedAt(),
});

/** Request tallies shared by replicas and kept across restarts (e.g. the booking webhook's). */
export const counters = pgTable('counters', {
  name: text('name').primaryKey(),
  value: bigint('value', { mode: 'number' }).notNull().default(0),
  updatedAt: updatedAt(),
});

export const bookingThreads = pgTable('booking_threads', {
  threadId: text('thread_id').primaryKey(),
  phone: text('phone').notNull(),
  contactId: text('contact_id'),
  lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull().defaultNow(),
  createdAt: createdAt(),
});

export const bookingMessages = pgTable(
  'booking_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    threadId: text('thread_id')
      .notNull()
      .references(() => bookingThreads.threadId),
    direction: text('direction', { enum: ['inbound', 'outbound'] }).notNull(),
    body: text('body').notNull(),
    phone: text('phone').notNull(),
    eventId: uuid('event_id'),
    /** inbound: pending → processing → answered | failed | dead; outbound: pending → sent | stored. */
    status: text('status').notNull(),
    /** Why a reply was stored but not sent (no GoHighLevel token, no contact found by phone, …). */
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [index('booking_messages_thread_idx').on(t.threadId, t.id)],
);

/** Who erased what and when, without the personal data itself (GDPR art. 17 accountability). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** erase, replay, bulk_replay, setup_campaign, trigger_call, sign_in, sign_out, sign_in_failed. */
    action: text('action').notNull(),
    /** `client` (an API client) or `person` (a console user); null on rows older than 0007. */
    actorKind: text('actor_kind'),
    /** The client's configured name or the person's identity; never a token. */
    actor: text('actor'),
    /** What the action is about, e.g. `call`, `booking_thread`, `event`, `campaign`. */
    subjectKind: text('subject_kind'),
    /** SHA-256 of an id that can name a person; the id itself for ids that cannot (events, campaigns). */
    subjectDigest: text('subject_digest'),
    /** `success` or `failure` (details.status holds the HTTP status). */
    outcome: text('outcome').notNull().default('success'),
    /** Counts, filters, status: e.g. `{"removed":{"events":3}}` or `{"filter":{...},"count":12}`. */
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    requestId: text('request_id'),
    sourceIp: text('source_ip'),
  },
  (table) => [index('audit_log_at_idx').on(table.at), index('audit_log_actor_idx').on(table.actor)],
);

/** Per-source alert state shared by replicas: at most one message per source per interval. */
export const alertState = pgTable('alert_state', {
  source: text('source').primaryKey(),
  failing: boolean('failing').notNull().default(false),
  lastSentAt: timestamp('last_sent_at', { withTimezone: true }),
  /** Dead letters not yet reported because a message went out within the interval. */
  pendingDead: integer('pending_dead').notNull().default(0),
  updatedAt: updatedAt(),
});

/**
 * Subjects (a conversation or booking thread id, as its SHA-256) erased and when: a job, retry,
 * replay or mirror write for an event received before `erased_at` writes nothing for them, so an
 * erasure cannot be undone by work that was already in flight. A later event (the person calls
 * again) is processed as usual.
 */
export const erasureTombstones = pgTable('erasure_tombstones', {
  subjectDigest: text('subject_digest').primaryKey(),
  erasedAt: timestamp('erased_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Console sessions of people signed in through the identity provider, shared by every replica.
 * The cookie holds a random id; only its SHA-256 is stored, so a database dump signs nobody in.
 */
export const consoleSessions = pgTable(
  'console_sessions',
  {
    /** SHA-256 (hex) of the cookie's random id. */
    idDigest: text('id_digest').primaryKey(),
    /** The person's e-mail, or the provider's subject when it gives none. */
    person: text('person').notNull(),
    /** The scopes the person's groups or roles map to, at sign-in. */
    scopes: jsonb('scopes').$type<string[]>().notNull(),
    /** Sent back on every state-changing request (X-CSRF-Token). */
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('console_sessions_expires_idx').on(t.expiresAt)],
);

/** A sign-in under way: what the callback needs to finish it (state, nonce, PKCE verifier). */
export const consoleSignIns = pgTable(
  'console_sign_ins',
  {
    /** SHA-256 (hex) of the random id in the short-lived sign-in cookie. */
    idDigest: text('id_digest').primaryKey(),
    state: text('state').notNull(),
    nonce: text('nonce').notNull(),
    codeVerifier: text('code_verifier').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('console_sign_ins_expires_idx').on(t.expiresAt)],
);
