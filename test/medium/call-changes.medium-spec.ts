// Post-call jobs write their calls' changes together: one statement per turn of the event loop.
// On the real database: the batch's changes all land, a call changed twice in one batch gets both
// entries in order, a change applied once for its event is not applied again, a change without a
// status keeps the call's, and one bad change fails alone.
import { eq } from 'drizzle-orm';
import { CallChangesService } from '../../src/calls/call-changes.service';
import {
  CallRecordsRepository,
  type CallChange,
  type CallSeed,
} from '../../src/calls/call-records.repository';
import { calls } from '../../src/database/schema';
import { newMedium, type Medium } from './medium';

describe('CallChangesService (medium: real database)', () => {
  let medium: Medium;
  let changes: CallChangesService;
  let n = 0;
  const seed = (conversationId: string): CallSeed => ({
    conversationId,
    campaignId: 'campaign-1',
    candidateFirstName: 'Anna',
    candidateLastName: 'Schmidt',
    companyName: 'Muster GmbH',
    mode: 'phone',
    status: 'initiated',
    request: { source: 'post-call webhook' },
  });
  const completed = (conversationId: string, eventId = `event-${++n}`): CallChange => ({
    seed: seed(conversationId),
    change: {
      status: 'completed',
      timeline: {
        status: 'completed',
        at: '2026-11-23T10:00:00.000Z',
        detail: { event_id: eventId },
      },
      results: { outcome: 'done', answers: [] },
      artefacts: {
        transcription: { file_path: `${conversationId}/t.json`, size_bytes: 10, stored_at: 'x' },
      },
    },
    onceFor: eventId,
    receivedAt: new Date(),
  });
  const audio = (conversationId: string, eventId = `event-${++n}`): CallChange => ({
    seed: seed(conversationId),
    change: {
      timeline: {
        status: 'audio_stored',
        at: '2026-11-23T10:01:00.000Z',
        detail: { event_id: eventId },
      },
      artefacts: {
        audio: { file_path: `${conversationId}/a.mp3`, size_bytes: 20, stored_at: 'y' },
      },
    },
    onceFor: eventId,
    receivedAt: new Date(),
  });
  const call = async (conversationId: string) =>
    (
      await medium.database.db.select().from(calls).where(eq(calls.conversationId, conversationId))
    )[0];
  const statementsOnCalls = async (work: () => Promise<unknown>) => {
    const repository = medium.get(CallRecordsRepository);
    const apply = jest.spyOn(repository, 'apply');
    try {
      await work();
      return apply.mock.calls.map(([batch]) => batch.length);
    } finally {
      apply.mockRestore();
    }
  };

  beforeAll(async () => {
    medium = await newMedium({ providers: [CallRecordsRepository, CallChangesService] });
    changes = medium.get(CallChangesService);
  });
  afterAll(() => medium.close());

  it('changes asked for together are written in one statement, each call created from its seed', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `together-${i}`);
    const sizes = await statementsOnCalls(() =>
      Promise.all(ids.map((id) => changes.apply(completed(id)))),
    );
    expect(sizes).toEqual([30]);
    for (const id of ids) {
      const row = await call(id);
      expect(row).toMatchObject({
        status: 'completed',
        campaignId: 'campaign-1',
        candidateFirstName: 'Anna',
        results: { outcome: 'done', answers: [] },
      });
      expect(row.timeline).toHaveLength(1);
      expect(Object.keys(row.artefacts)).toEqual(['transcription']);
    }
  });

  it('existing calls changed together: one statement, no fallback, each call keeps what its change does not set', async () => {
    await changes.apply(completed('existing-a'));
    await changes.apply(completed('existing-b'));
    const sizes = await statementsOnCalls(() =>
      Promise.all([changes.apply(completed('existing-a')), changes.apply(audio('existing-b'))]),
    );
    // A fallback would retry change by change: [2, 1, 1].
    expect(sizes).toEqual([2]);
    const a = await call('existing-a');
    const b = await call('existing-b');
    expect(a.timeline.map((entry) => entry.status)).toEqual(['completed', 'completed']);
    expect(b.timeline.map((entry) => entry.status)).toEqual(['completed', 'audio_stored']);
    expect(b.status).toBe('completed');
    expect(b.results).toEqual({ outcome: 'done', answers: [] });
    expect(Object.keys(b.artefacts).sort()).toEqual(['audio', 'transcription']);
  });

  it('a call created by trigger-call keeps its own fields; results merge onto the stored ones', async () => {
    await medium.get(CallRecordsRepository).create({
      conversationId: 'triggered',
      campaignId: 'campaign-9',
      candidateFirstName: 'Jonas',
      candidateLastName: 'Weber',
      companyName: 'Echte Firma AG',
      toNumber: '+4915112345678',
      mode: 'link',
      status: 'link_created',
      request: { source: 'trigger-call' },
      results: { cost: 12 },
    });
    const before = await call('triggered');
    await changes.apply(completed('triggered'));
    const after = await call('triggered');
    expect(after).toMatchObject({
      campaignId: 'campaign-9',
      candidateFirstName: 'Jonas',
      companyName: 'Echte Firma AG',
      toNumber: '+4915112345678',
      mode: 'link',
      request: { source: 'trigger-call' },
      status: 'completed',
      results: { cost: 12, outcome: 'done', answers: [] },
    });
    expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
  });

  it('a call changed twice in one batch gets both changes, in the order they were asked for', async () => {
    const sizes = await statementsOnCalls(() =>
      Promise.all([changes.apply(completed('twice')), changes.apply(audio('twice'))]),
    );
    // PostgreSQL updates a row once per statement: the second change goes in a second one.
    expect(sizes).toEqual([1, 1]);
    const row = await call('twice');
    expect(row.timeline.map((entry) => entry.status)).toEqual(['completed', 'audio_stored']);
    expect(row.status).toBe('completed');
    expect(Object.keys(row.artefacts).sort()).toEqual(['audio', 'transcription']);
  });

  it('a change without a status keeps the call status, and its results stay as they were', async () => {
    await changes.apply(completed('keeps'));
    await changes.apply(audio('keeps'));
    const row = await call('keeps');
    expect(row.status).toBe('completed');
    expect(row.results).toEqual({ outcome: 'done', answers: [] });
  });

  it('a change already applied for its event is not applied again (a job rerun)', async () => {
    const once = completed('rerun', 'event-rerun');
    await changes.apply(once);
    await Promise.all([changes.apply(once), changes.apply(audio('other-call'))]);
    await changes.apply(once);
    expect((await call('rerun')).timeline).toHaveLength(1);
    expect((await call('other-call')).timeline).toHaveLength(1);
  });

  it('one bad change among several fails alone; its neighbours are written', async () => {
    const bad = completed('bad');
    // PostgreSQL's jsonb refuses \u0000 in text: the statement carrying this change fails.
    bad.seed = { ...bad.seed, candidateFirstName: 'A\u0000B' };
    const outcomes = await Promise.allSettled([
      changes.apply(completed('good-1')),
      changes.apply(bad),
      changes.apply(completed('good-2')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await call('good-1')).toBeDefined();
    expect(await call('good-2')).toBeDefined();
    expect(await call('bad')).toBeUndefined();
  });
});
