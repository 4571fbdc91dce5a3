import { describe, expect, it } from "vitest";
import { renderMail } from "./mail-content";
import { DEFAULT_MAIL_MODES, mailModes } from "./mail-preferences";

describe("mail preferences", () => {
  it("fills the defaults in and ignores unknown kinds and values", () => {
    expect(mailModes(null)).toEqual(DEFAULT_MAIL_MODES);
    const modes = mailModes({
      comment: "never",
      run_warning: "immediately",
      nonsense: "never",
      week_published: "loud",
    });
    expect(modes.comment).toBe("never");
    expect(modes.run_warning).toBe("immediately");
    expect(modes.week_published).toBe(DEFAULT_MAIL_MODES.week_published);
    expect(modes).not.toHaveProperty("nonsense");
  });

  it("sends scheduled mails or not: 'daily' means 'send' for the digest", () => {
    expect(mailModes({ digest: "daily" }).digest).toBe("immediately");
  });
});

describe("renderMail", () => {
  const mail = renderMail({
    subject: "Ben <b>commented</b>",
    greeting: "Maya",
    intro: "Ben commented on your run & said hi.",
    sections: [{ heading: "When", items: [{ text: "Tue 24 Nov, 18:05", url: "https://x.example/o/c/runs/1" }] }],
    action: { label: "Open in Runbalance", url: "https://x.example/o/c/runs/1" },
    kind: "comment",
    unsubscribeUrl: "https://x.example/api/unsubscribe/t",
    settingsUrl: "https://x.example/settings#mail",
  });

  it("has the same content as plain text and as escaped HTML, with the unsubscribe link in both", () => {
    expect(mail.text).toContain("Hi Maya,");
    expect(mail.text).toContain("Ben commented on your run & said hi.");
    expect(mail.text).toContain("https://x.example/api/unsubscribe/t");
    expect(mail.html).toContain("Ben commented on your run &amp; said hi.");
    expect(mail.html).toContain("<title>Ben &lt;b&gt;commented&lt;/b&gt;</title>");
    expect(mail.html).toContain('href="https://x.example/api/unsubscribe/t"');
    expect(mail.html).not.toContain("<b>commented");
  });
});
