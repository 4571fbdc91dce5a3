import { describe, expect, it } from "vitest";
import { navFor, orgMenuFor } from "./app-shell";
import type { OrgPage } from "./load-page";
import { PHONE_BAR_ITEMS } from "./shell-nav";

const pageFor = (role: "owner" | "coach" | "athlete", abilities: Partial<OrgPage["org"]["abilities"]> = {}) =>
  ({
    org: {
      slug: "club",
      role,
      abilities: { manageMembers: false, inviteAthletes: false, viewAudit: false, viewOutbox: false, ...abilities },
    },
  }) as unknown as OrgPage;

const labels = (items: { label: string }[]) => items.map((item) => item.label);

describe("the organisation's navigation", () => {
  it("gives athletes This week, Log a run, Plan and Feedback first (a phone's bottom bar), then the rest", () => {
    const items = navFor(pageFor("athlete"));
    expect(labels(items.slice(0, PHONE_BAR_ITEMS))).toEqual(["This week", "Log a run", "Plan", "Feedback"]);
    expect(labels(items.slice(PHONE_BAR_ITEMS))).toEqual(["History", "Import", "Paces", "Calendar", "Inbox"]);
    expect(items.find((item) => item.label === "Plan")?.href).toBe("/o/club/plan");
  });

  it("keeps Audit log and Outbox out of the main navigation, in the organisation menu for those who may see them", () => {
    const owner = pageFor("owner", { manageMembers: true, inviteAthletes: true, viewAudit: true, viewOutbox: true });
    expect(labels(navFor(owner))).toEqual(["Athletes", "Templates", "Import runs", "Members", "Inbox"]);
    expect(orgMenuFor(owner)).toEqual([
      { href: "/o/club/audit", label: "Audit log" },
      { href: "/o/club/outbox", label: "Outbox" },
    ]);
    const coach = pageFor("coach", { inviteAthletes: true });
    expect(labels(navFor(coach))).toEqual(["Athletes", "Templates", "Import runs", "Invite athletes", "Inbox"]);
    expect(orgMenuFor(coach)).toEqual([]);
    expect(orgMenuFor(pageFor("athlete"))).toEqual([]);
  });

  it("puts unread comments on Feedback for athletes and on Athletes for coaches", () => {
    const withUnread = (page: OrgPage) => ({ ...page, unreadComments: 3 }) as OrgPage;
    expect(navFor(withUnread(pageFor("athlete"))).find((item) => item.label === "Feedback")?.badge).toBe(3);
    expect(navFor(withUnread(pageFor("coach"))).find((item) => item.label === "Athletes")?.badge).toBe(3);
    expect(navFor(pageFor("athlete")).every((item) => !item.badge)).toBe(true);
  });

  it("puts unread notifications on Inbox for everyone (behind More on a phone)", () => {
    for (const role of ["athlete", "coach", "owner"] as const) {
      const items = navFor({ ...pageFor(role, { inviteAthletes: true }), unreadNotifications: 2 } as OrgPage);
      const inbox = items.find((item) => item.label === "Inbox");
      expect(inbox).toEqual({ href: "/o/club/inbox", label: "Inbox", badge: 2 });
      expect(items.indexOf(inbox!)).toBeGreaterThanOrEqual(PHONE_BAR_ITEMS);
    }
  });
});
