import "server-only";
import { can } from "~/domain/authz/policy";
import { athleteFor, resolveOrgActor } from "~/server/api/access";
import type { Database } from "~/server/db/connection";
import { withSession } from "~/server/db/tenant";
import { ServiceError } from "~/server/errors";
import { plannedWorkout, workoutFile } from "~/server/services/workout-file";
import { httpStatusOf, type RefusalStatus } from "./service-error";

export type WorkoutDownload =
  { status: 200; fileName: string; bytes: Uint8Array } | { status: RefusalStatus; message: string };

const noSuchSession = () => new ServiceError("NOT_FOUND", "No such planned session.");

/**
 * A planned session's FIT workout, for whoever may see that session: its athlete (published weeks
 * only, as everywhere athletes read their plan) and their coaches (drafts too). Anyone else, and a
 * session out of sight, gets the same NOT_FOUND.
 */
export async function downloadWorkout(
  db: Database,
  request: { userId: string; sessionSecret: string; orgSlug: string; sessionId: string },
  at: Date,
): Promise<WorkoutDownload> {
  try {
    return await withSession(db, request.sessionSecret, async (tx) => {
      const member = await resolveOrgActor(tx, request.userId, request.orgSlug);
      if (!member) throw noSuchSession();
      const session = await plannedWorkout(tx, member.org.id, request.sessionId);
      const athlete = await athleteFor({ tx, ...member }, session.athleteId, "view").catch((error: unknown) => {
        throw error instanceof ServiceError ? noSuchSession() : error;
      });
      if (session.weekStatus !== "published" && !can(member.actor, { type: "athlete.coach", athlete }))
        throw noSuchSession();
      return { status: 200, ...workoutFile(session, athlete, at) } as const;
    });
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return { status: httpStatusOf(error), message: error.message };
  }
}
