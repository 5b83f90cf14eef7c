// Which message, if any, a source's state calls for. Pure, so every rule is unit-tested:
// at most one message per source per interval; a failing source is told once, then its recovery.

export interface AlertState {
  failing: boolean;
  lastSentAt: Date | null;
  /** Dead letters not yet reported. */
  pendingDead: number;
}

export interface WindowCounts {
  /** Attempts finished in the window (processed, failed or dead). */
  total: number;
  failed: number;
}

export interface AlertThresholds {
  failureRatePercent: number;
  minEvents: number;
  intervalMs: number;
}

export interface AlertDecision {
  /** Slack `text`, or null when nothing is to be said now. */
  text: string | null;
  next: AlertState;
}

export function isFailing(counts: WindowCounts, thresholds: AlertThresholds): boolean {
  return (
    counts.total >= thresholds.minEvents &&
    (counts.failed / counts.total) * 100 >= thresholds.failureRatePercent
  );
}

export function decideAlert(
  source: string,
  state: AlertState,
  counts: WindowCounts,
  newDead: number,
  now: Date,
  thresholds: AlertThresholds,
): AlertDecision {
  const dead = state.pendingDead + newDead;
  const failingNow = isFailing(counts, thresholds);
  const quiet =
    state.lastSentAt !== null && now.getTime() - state.lastSentAt.getTime() < thresholds.intervalMs;
  if (quiet) return { text: null, next: { ...state, pendingDead: dead } };

  const parts: string[] = [];
  if (failingNow && !state.failing) {
    const rate = Math.round((counts.failed / counts.total) * 100);
    parts.push(
      `:rotating_light: *${source}* is failing: ${counts.failed} of ${counts.total} attempts in the last 5 minutes failed (${rate}%).`,
    );
  } else if (!failingNow && state.failing) {
    parts.push(
      `:white_check_mark: *${source}* recovered: failure rate back under ${thresholds.failureRatePercent}%.`,
    );
  }
  if (dead > 0)
    parts.push(
      `:skull: ${dead} ${source} event${dead === 1 ? ' was' : 's were'} dead-lettered; see the console's event log (status dead) to replay.`,
    );
  if (parts.length === 0) return { text: null, next: state };
  return {
    text: parts.join('\n'),
    next: { failing: failingNow, lastSentAt: now, pendingDead: 0 },
  };
}
