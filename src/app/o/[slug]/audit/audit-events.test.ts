import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AuditEvents, type AuditEvent } from "./audit-events";

const render = (events: AuditEvent[]) =>
  renderToStaticMarkup(createElement(AuditEvents, { events, timeZone: "America/Los_Angeles" }));

describe("the audit log's events", () => {
  it("says in a sentence that nothing has happened yet, with no empty list", () => {
    const html = render([]);
    expect(html).toContain("Nothing to show yet");
    expect(html).not.toContain("<ol");
  });

  it("lists each event in words, in the reader's time zone", () => {
    const html = render([
      {
        id: "e1",
        action: "member.role_changed",
        subject: "Ben Laurent",
        details: { from: "coach", to: "owner" },
        createdAt: "2026-03-01T07:30:00.000Z",
        actorName: "Ada Okafor",
      },
    ]);
    expect(html).not.toContain("Nothing to show yet");
    expect(html).toContain("Ada Okafor</span> changed the role of Ben Laurent");
    expect(html).toContain("from: coach, to: owner");
    expect(html).toContain("28/02/2026, 23:30:00");
  });
});
