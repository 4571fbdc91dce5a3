/**
 * The words and layout of every mail to a member (issue 17), as plain text and HTML with the same
 * content. Pure: the worker gathers the facts (in the reader's units and time zone) and the links.
 */
import { MAIL_KIND_LABELS, type MailKind } from "./mail-preferences";

export interface MailItem {
  text: string;
  /** Absolute URL the item opens. */
  url?: string;
}

export interface MailSection {
  heading: string;
  items: readonly MailItem[];
}

export interface MailContent {
  subject: string;
  /** The reader's first name, or their name. */
  greeting: string;
  intro: string;
  sections: readonly MailSection[];
  action?: { label: string; url: string };
  /** Why they get it and how to stop it: the unsubscribe link of this kind of mail and the settings page. */
  kind: MailKind;
  unsubscribeUrl: string;
  settingsUrl: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Text as HTML (element content and quoted attributes): the mails' HTML part, and /unavailable's page. */
export const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function footerText(content: MailContent): string {
  return `You get this mail for: ${MAIL_KIND_LABELS[content.kind]}. Stop these mails: ${content.unsubscribeUrl}\nAll mail settings: ${content.settingsUrl}`;
}

export function renderMail(content: MailContent): RenderedMail {
  const text = [
    `Hi ${content.greeting},`,
    "",
    content.intro,
    ...content.sections.flatMap((s) => [
      "",
      s.heading,
      ...s.items.map((i) => `- ${i.text}${i.url ? `\n  ${i.url}` : ""}`),
    ]),
    ...(content.action ? ["", `${content.action.label}: ${content.action.url}`] : []),
    "",
    "-- ",
    footerText(content),
    "",
  ].join("\n");

  const item = (i: MailItem) =>
    `<li style="margin:4px 0">${i.url ? `<a href="${escapeHtml(i.url)}">${escapeHtml(i.text)}</a>` : escapeHtml(i.text)}</li>`;
  const html = [
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>`,
    `<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#111;max-width:560px;margin:0 auto;padding:16px">`,
    `<p>Hi ${escapeHtml(content.greeting)},</p>`,
    `<p>${escapeHtml(content.intro)}</p>`,
    ...content.sections.map(
      (s) =>
        `<h2 style="font-size:16px;margin:16px 0 4px">${escapeHtml(s.heading)}</h2><ul>${s.items.map(item).join("")}</ul>`,
    ),
    content.action
      ? `<p><a href="${escapeHtml(content.action.url)}" style="display:inline-block;background:#1d4ed8;color:#fff;padding:8px 14px;border-radius:6px;text-decoration:none">${escapeHtml(content.action.label)}</a></p>`
      : "",
    `<hr><p style="font-size:12px;color:#555">You get this mail for: ${escapeHtml(MAIL_KIND_LABELS[content.kind])}. `,
    `<a href="${escapeHtml(content.unsubscribeUrl)}">Stop these mails</a> · <a href="${escapeHtml(content.settingsUrl)}">All mail settings</a></p>`,
    `</body></html>`,
  ].join("\n");
  return { subject: content.subject, text, html };
}
