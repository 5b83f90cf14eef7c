import { decideAlert, type AlertState } from './alert-policy';

const thresholds = { failureRatePercent: 50, minEvents: 4, intervalMs: 300_000 };
const at = (seconds: number) => new Date(Date.UTC(2026, 10, 23, 10, 0, seconds));
const fresh: AlertState = { failing: false, lastSentAt: null, pendingDead: 0 };

describe('decideAlert', () => {
  it('says nothing while a source is healthy', () => {
    expect(decideAlert('supabase', fresh, { total: 10, failed: 1 }, 0, at(0), thresholds)).toEqual({
      text: null,
      next: fresh,
    });
  });

  it('ignores a high rate over too few attempts', () => {
    expect(
      decideAlert('supabase', fresh, { total: 3, failed: 3 }, 0, at(0), thresholds).text,
    ).toBeNull();
  });

  it('reports a failing source once, with the dead letters, and marks it failing', () => {
    const decision = decideAlert('notion', fresh, { total: 4, failed: 2 }, 1, at(0), thresholds);
    expect(decision.text).toMatch(/\*notion\* is failing: 2 of 4 attempts .* \(50%\)/);
    expect(decision.text).toMatch(/1 notion event was dead-lettered/);
    expect(decision.next).toEqual({ failing: true, lastSentAt: at(0), pendingDead: 0 });
    const still = decideAlert(
      'notion',
      decision.next,
      { total: 8, failed: 8 },
      0,
      at(400),
      thresholds,
    );
    expect(still.text).toBeNull();
  });

  it('holds messages within the interval and counts the dead letters meanwhile', () => {
    const sent: AlertState = { failing: false, lastSentAt: at(0), pendingDead: 0 };
    const held = decideAlert('booking', sent, { total: 0, failed: 0 }, 1, at(299), thresholds);
    expect(held).toEqual({ text: null, next: { ...sent, pendingDead: 1 } });
    const later = decideAlert(
      'booking',
      held.next,
      { total: 0, failed: 0 },
      1,
      at(300),
      thresholds,
    );
    expect(later.text).toMatch(/2 booking events were dead-lettered/);
  });

  it('reports the recovery of a failing source', () => {
    const failing: AlertState = { failing: true, lastSentAt: at(0), pendingDead: 0 };
    const decision = decideAlert(
      'supabase',
      failing,
      { total: 5, failed: 0 },
      0,
      at(301),
      thresholds,
    );
    expect(decision.text).toMatch(/\*supabase\* recovered/);
    expect(decision.next.failing).toBe(false);
  });
});
