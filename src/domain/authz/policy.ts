/**
 * Who may do what, in one pure function used twice: by the UI to decide what to show, and by every
 * tRPC procedure to decide what to allow. The server never relies on the UI's answer.
 */

export type Role = "owner" | "coach" | "athlete";

export interface Actor {
  userId: string;
  role: Role;
  /** The actor's own athlete profile in this organisation, if they are an athlete. */
  athleteId: string | null;
}

/** An athlete as the policy needs to see them: who they are and who coaches them. */
export interface AthleteRef {
  athleteId: string;
  coachUserIds: readonly string[];
}

export type Action =
  | { type: "organisation.view" }
  | { type: "organisation.manageMembers" }
  | { type: "organisation.viewAudit" }
  | { type: "organisation.viewOutbox" }
  | { type: "organisation.viewAllAthletes" }
  /** Change the organisation-wide training defaults every athlete's weeks are judged by. */
  | { type: "organisation.editTrainingDefaults" }
  /** The coaching tools: the roster, week templates, the organisation's training settings. */
  | { type: "organisation.useCoachingTools" }
  | { type: "invitation.create"; role: Role }
  | { type: "invitation.manage"; role: Role }
  | { type: "athlete.view"; athlete: AthleteRef }
  | { type: "athlete.coach"; athlete: AthleteRef }
  | { type: "run.view"; athlete: AthleteRef; private: boolean }
  | { type: "run.write"; athlete: AthleteRef };

const isCoachOf = (actor: Actor, athlete: AthleteRef) =>
  actor.role === "owner" || (actor.role === "coach" && athlete.coachUserIds.includes(actor.userId));

const isSelf = (actor: Actor, athlete: AthleteRef) => actor.athleteId !== null && actor.athleteId === athlete.athleteId;

export function can(actor: Actor, action: Action): boolean {
  switch (action.type) {
    case "organisation.view":
      return true;
    case "organisation.manageMembers":
    case "organisation.viewAudit":
    case "organisation.viewOutbox":
    case "organisation.viewAllAthletes":
    case "organisation.editTrainingDefaults":
      return actor.role === "owner";
    case "organisation.useCoachingTools":
      return actor.role === "owner" || actor.role === "coach";
    case "invitation.create":
    case "invitation.manage":
      // Coaches bring in athletes; only owners hand out coach or owner rights.
      return actor.role === "owner" || (actor.role === "coach" && action.role === "athlete");
    case "athlete.view":
    case "run.write":
      return isCoachOf(actor, action.athlete) || isSelf(actor, action.athlete);
    case "athlete.coach":
      return isCoachOf(actor, action.athlete);
    case "run.view":
      // Private runs are hidden from teammates, never from the athlete's coaches.
      return (
        isCoachOf(actor, action.athlete) ||
        isSelf(actor, action.athlete) ||
        (actor.role === "athlete" && !action.private)
      );
  }
}
