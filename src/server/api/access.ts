/**
 * The one way in to an athlete, a run or an imported file: each function loads the resource, with
 * the athlete always read by the same loader (`athleteContexts`), and asks the policy whether the
 * caller may use it for a named need. A resource the caller may not see is reported as missing
 * (NOT_FOUND), never as forbidden, so ids cannot be probed. Routers and route handlers both use these
 * (they throw ServiceError, which each edge maps), and nothing else calls the loaders for access.
 */
import "server-only";
import { can, type Actor } from "~/domain/authz/policy";
import { findImport } from "~/server/data/imports";
import { enterOrganisation, findAthleteByUser } from "~/server/data/organisations";
import { findRun } from "~/server/data/runs";
import { athleteContexts, type AthleteContext } from "~/server/data/athletes";
import type { Tx } from "~/server/db/connection";
import type { MemberSession } from "~/server/db/tenant";
import { ensure, ServiceError } from "~/server/errors";

/** A request inside one organisation, once the caller's membership is resolved (an org procedure's ctx). */
export interface OrgScope {
  tx: Tx;
  org: { id: string };
  actor: Actor;
}

/**
 * "User X acting in organisation <slug>": the organisation and the caller as a policy actor, with
 * row-level security narrowed to that organisation; null for non-members. Used by orgProcedure and,
 * through `memberAthleteFor`, by route handlers outside tRPC.
 */
export async function resolveOrgActor(tx: Tx, userId: string, orgSlug: string) {
  const membership = await enterOrganisation(tx, userId, orgSlug);
  if (!membership) return null;
  // Athlete profiles are tenant rows: readable only now that the organisation is set.
  const [athlete] = membership.role === "athlete" ? await findAthleteByUser(tx, membership.org.id, userId) : [];
  return orgActorOf(userId, { ...membership, athleteId: athlete?.id ?? null });
}

/**
 * The same for an organisation procedure, whose transaction entered the session and the organisation
 * in its first statement (withMemberSession): null for a non-member.
 */
export function orgActorOf(userId: string, membership: MemberSession["membership"]) {
  if (!membership) return null;
  const actor: Actor = { userId, role: membership.role, athleteId: membership.athleteId };
  return { org: membership.org, actor };
}

/**
 * What the caller needs to do with an athlete: "view" them (themself, their coaches, owners),
 * "write" their runs and imports (the same people), or "coach" them (plan, comment, change settings:
 * their coaches and owners).
 */
export type AthleteNeed = "view" | "write" | "coach";

const noSuchAthlete = () => new ServiceError("NOT_FOUND", "No such athlete.");

/**
 * The athlete `athleteId` names (the caller's own profile when it is omitted), if the caller may use
 * them for `need`. Out of sight is NOT_FOUND; in sight but not theirs to coach is FORBIDDEN.
 */
export async function athleteFor(
  scope: OrgScope,
  athleteId: string | undefined,
  need: AthleteNeed,
): Promise<AthleteContext> {
  const id = athleteId ?? scope.actor.athleteId;
  const [athlete] = id ? await athleteContexts(scope.tx, scope.org.id, [id]) : [];
  return athleteAllowed(scope.actor, athlete ?? null, need);
}

/**
 * athleteFor's check, on an athlete its caller read with athleteContexts' columns in a larger
 * statement (the run log: readRunLogBasis). Null (not in sight) is NOT_FOUND, like a refusal.
 */
export function athleteAllowed(actor: Actor, athlete: AthleteContext | null, need: AthleteNeed): AthleteContext {
  if (!athlete || !can(actor, { type: need === "write" ? "run.write" : "athlete.view", athlete }))
    throw noSuchAthlete();
  if (need === "coach")
    ensure(can(actor, { type: "athlete.coach", athlete }), "Only this athlete's coaches can do that.");
  return athlete;
}

/** Several athletes the caller must coach, in one query; any one missing or out of sight is NOT_FOUND. */
export async function coachedAthletes(scope: OrgScope, athleteIds: string[]): Promise<AthleteContext[]> {
  const unique = [...new Set(athleteIds)];
  const athletes = await athleteContexts(scope.tx, scope.org.id, unique);
  if (
    athletes.length !== unique.length ||
    athletes.some((athlete) => !can(scope.actor, { type: "athlete.view", athlete }))
  )
    throw noSuchAthlete();
  ensure(
    athletes.every((athlete) => can(scope.actor, { type: "athlete.coach", athlete })),
    "Only an athlete's coaches can plan their weeks.",
  );
  return athletes;
}

/**
 * For route handlers outside tRPC (the file upload): the caller's membership of `orgSlug` and the
 * athlete in one step. A non-member gets the same answer as anyone the athlete is out of sight of.
 */
export async function memberAthleteFor(
  tx: Tx,
  request: { userId: string; orgSlug: string; athleteId: string | undefined },
  need: AthleteNeed,
) {
  const member = await resolveOrgActor(tx, request.userId, request.orgSlug);
  if (!member) throw noSuchAthlete();
  return { ...member, athlete: await athleteFor({ tx, ...member }, request.athleteId, need) };
}

/**
 * A run and its athlete, if the caller may "view" it (its athlete and their coaches; teammates unless
 * it is private) or "write" it (its athlete and their coaches).
 */
export async function runFor(scope: OrgScope, runId: string, need: "view" | "write") {
  const run = await findRun(scope.tx, scope.org.id, runId);
  const [athlete] = run ? await athleteContexts(scope.tx, scope.org.id, [run.athleteId]) : [];
  const allowed =
    run &&
    athlete &&
    can(
      scope.actor,
      need === "view" ? { type: "run.view", athlete, private: run.private } : { type: "run.write", athlete },
    );
  if (!allowed) throw new ServiceError("NOT_FOUND", "No such run.");
  return { run, athlete };
}

/** A run read from a file and its athlete, if the caller may write that athlete's runs. */
export async function importFor(scope: OrgScope, importId: string) {
  const draft = await findImport(scope.tx, scope.org.id, importId);
  const [athlete] = draft ? await athleteContexts(scope.tx, scope.org.id, [draft.athleteId]) : [];
  if (!draft || !athlete || !can(scope.actor, { type: "run.write", athlete }))
    throw new ServiceError("NOT_FOUND", "No such imported run.");
  return { draft, athlete };
}

export type { AthleteContext };
