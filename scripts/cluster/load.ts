/**
 * The write load of `npm run test:cluster`: athletes logging runs over the real HTTP API (tRPC
 * `runs.log` with an idempotency key, as the app's run form and offline sync send it), each client
 * retrying a failed request with the same key after Retry-After, until it is acknowledged.
 */
import { randomUUID } from "node:crypto";
import { trpcMutation, type Session } from "../lib/http-client";
import { addDays } from "~/domain/rules/dates";
import { todayUtc } from "~/lib/clock";

export interface Answer {
  key: string;
  status: number;
  error?: string;
  retryAfter?: string;
  sentAt: number;
  answeredAt: number;
}

export interface Acknowledged {
  key: string;
  runId: string;
  athleteId: string;
  client: number;
}

/** A run whose notes carry its idempotency key, so the database can be asked how many runs each key made. */
/** A run to log through the API, `daysAgo` days before today (yesterday by default). */
export function runInput(orgSlug: string, key: string, daysAgo = 1) {
  return {
    orgSlug,
    idempotencyKey: key,
    run: {
      date: addDays(todayUtc(), -daysAgo),
      time: "07:00",
      kind: "aerobic" as const,
      durationS: 2400,
      distanceM: 7000,
      rpe: 4,
      notes: key,
      private: false,
      plannedSessionId: null,
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class WriteLoad {
  readonly answers: Answer[] = [];
  readonly acknowledged: Acknowledged[] = [];
  /** Keys sent at least once and not acknowledged (yet). */
  readonly pending = new Set<string>();
  private stopping = false;
  private clients: Promise<void>[] = [];

  constructor(
    private readonly sessions: Session[],
    private readonly orgSlug: string,
  ) {}

  start(): void {
    this.stopping = false;
    this.clients = this.sessions.map((session, client) => this.runClient(session, client));
  }

  /** Stops sending new runs; a run already sent is retried until acknowledged (or `giveUpMs`). */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.clients);
  }

  private async runClient(session: Session, client: number, giveUpMs = 60_000): Promise<void> {
    while (!this.stopping) {
      const key = randomUUID();
      const firstSentAt = performance.now();
      this.pending.add(key);
      for (;;) {
        const sentAt = performance.now();
        const answer = await trpcMutation<{ run: { id: string; athleteId: string } }>(
          session,
          "runs.log",
          runInput(this.orgSlug, key),
          10_000,
        );
        const answeredAt = performance.now();
        this.answers.push({
          key,
          status: answer.status,
          sentAt,
          answeredAt,
          ...(answer.error ? { error: answer.error } : {}),
          ...(answer.retryAfter ? { retryAfter: answer.retryAfter } : {}),
        });
        if (answer.status === 200 && answer.data) {
          this.pending.delete(key);
          this.acknowledged.push({ key, runId: answer.data.run.id, athleteId: answer.data.run.athleteId, client });
          break;
        }
        if (answeredAt - firstSentAt > giveUpMs) break;
        // Retry-After when the server (or HAProxy) sent one, half a second otherwise (a 502, a reset).
        const retryAfterS = Number(answer.retryAfter);
        await sleep(Number.isFinite(retryAfterS) && retryAfterS > 0 ? retryAfterS * 1000 : 500);
      }
    }
  }
}

/** Percentile (nearest rank) of a list of numbers. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
