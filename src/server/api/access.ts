/**
 * The one way procedures reach an athlete: resolve who they are and who coaches them, then ask the
 * policy. An athlete the caller may not see is reported as missing, never as forbidden.
 */
import { TRPCError } from "@trpc/server";
import { can, type Actor, type AthleteRef } from "~/domain/authz/policy";
import { findAthleteRefs } from "~/server/data/organisations";
import type { Tx } from "~/server/db/connection";
import { ensure } from "~/server/errors";

const notFound = () => new TRPCError({ code: "NOT_FOUND", message: "No such athlete." });

/** `need: "coach"` also requires planning rights (their coach, or an owner); "view" lets the athlete in too. */
export async function athleteFor(tx: Tx, orgId: string, actor: Actor, athleteId: string, need: "view" | "coach") {
  const [ref] = await findAthleteRefs(tx, orgId, [athleteId]);
  if (!ref || !can(actor, { type: "athlete.view", athlete: ref })) throw notFound();
  if (need === "coach")
    ensure(can(actor, { type: "athlete.coach", athlete: ref }), "Only this athlete's coaches can do that.");
  return ref;
}

/** Several athletes the caller must coach, in one query; any one missing or out of reach is NOT_FOUND. */
export async function coachedAthletes(tx: Tx, orgId: string, actor: Actor, athleteIds: string[]) {
  const unique = [...new Set(athleteIds)];
  const refs = await findAthleteRefs(tx, orgId, unique);
  if (refs.length !== unique.length || refs.some((ref) => !can(actor, { type: "athlete.view", athlete: ref })))
    throw notFound();
  ensure(
    refs.every((ref) => can(actor, { type: "athlete.coach", athlete: ref })),
    "Only an athlete's coaches can plan their weeks.",
  );
  return refs;
}

/**
 * Coaching pages and tools (roster, templates) are for owners and coaches. What each of them may see
 * inside is still decided per athlete with `athlete.coach`.
 */
export function ensureCoachingStaff(actor: Actor): void {
  ensure(can(actor, { type: "organisation.useCoachingTools" }), "Only coaches can do that.");
}

export type { AthleteRef };
