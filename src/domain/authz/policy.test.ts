import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { can, type Actor, type AthleteRef } from "./policy";

const owner: Actor = { userId: "u-owner", role: "owner", athleteId: null };
const coach: Actor = { userId: "u-coach", role: "coach", athleteId: null };
const otherCoach: Actor = { userId: "u-coach2", role: "coach", athleteId: null };
const maya: Actor = { userId: "u-maya", role: "athlete", athleteId: "a-maya" };
const tom: Actor = { userId: "u-tom", role: "athlete", athleteId: "a-tom" };
const mayaRef: AthleteRef = { athleteId: "a-maya", coachUserIds: ["u-coach"] };

describe("can()", () => {
  it("lets owners see everyone and coaches only their athletes", () => {
    expect(can(owner, { type: "athlete.view", athlete: mayaRef })).toBe(true);
    expect(can(coach, { type: "athlete.view", athlete: mayaRef })).toBe(true);
    expect(can(otherCoach, { type: "athlete.view", athlete: mayaRef })).toBe(false);
    expect(can(coach, { type: "organisation.viewAllAthletes" })).toBe(false);
  });

  it("lets athletes see themselves, not a teammate's profile", () => {
    expect(can(maya, { type: "athlete.view", athlete: mayaRef })).toBe(true);
    expect(can(tom, { type: "athlete.view", athlete: mayaRef })).toBe(false);
    expect(can(tom, { type: "run.write", athlete: mayaRef })).toBe(false);
    expect(can(maya, { type: "athlete.coach", athlete: mayaRef })).toBe(false);
  });

  it("gives coaches and owners the coaching tools, and only owners the organisation's training defaults", () => {
    for (const staff of [owner, coach]) expect(can(staff, { type: "organisation.useCoachingTools" })).toBe(true);
    expect(can(maya, { type: "organisation.useCoachingTools" })).toBe(false);
    expect(can(owner, { type: "organisation.editTrainingDefaults" })).toBe(true);
    for (const other of [coach, maya]) expect(can(other, { type: "organisation.editTrainingDefaults" })).toBe(false);
  });

  it("lets coaches invite athletes, and only owners invite coaches and owners", () => {
    expect(can(coach, { type: "invitation.create", role: "athlete" })).toBe(true);
    expect(can(coach, { type: "invitation.create", role: "coach" })).toBe(false);
    expect(can(coach, { type: "invitation.create", role: "owner" })).toBe(false);
    expect(can(owner, { type: "invitation.create", role: "owner" })).toBe(true);
    expect(can(maya, { type: "invitation.create", role: "athlete" })).toBe(false);
  });

  it("hides private runs from teammates but never from the athlete's coaches (property)", () => {
    const roster = fc.uniqueArray(fc.constantFrom("a1", "a2", "a3", "a4", "a5"), { minLength: 2, maxLength: 5 });
    fc.assert(
      fc.property(
        roster,
        fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
        fc.nat(4),
        (athletes, privateFlags, viewerIndex) => {
          const viewer: Actor = {
            userId: "viewer",
            role: "athlete",
            athleteId: athletes[viewerIndex % athletes.length]!,
          };
          const headCoach: Actor = { userId: "c1", role: "coach", athleteId: null };
          athletes.forEach((athleteId, i) => {
            const ref = { athleteId, coachUserIds: ["c1"] };
            const isPrivate = privateFlags[i]!;
            const teammateSees = can(viewer, { type: "run.view", athlete: ref, private: isPrivate });
            expect(teammateSees).toBe(athleteId === viewer.athleteId || !isPrivate);
            expect(can(headCoach, { type: "run.view", athlete: ref, private: isPrivate })).toBe(true);
          });
        },
      ),
      { numRuns: 1000 },
    );
  });
});
