import "server-only";
import { z } from "zod";
import { now } from "~/lib/clock";
import { countUnread, listInbox, markAllNotificationsRead, markNotificationRead } from "~/server/data/notifications";
import { ServiceError } from "~/server/errors";
import { createRouter, orgInput, orgProcedure } from "../trpc";
import { idSchema } from "../schemas";

export const INBOX_PAGE_SIZE = 30;

/** The caller's own inbox in this organisation: every member has one, and sees only theirs. */
export const notificationsRouter = createRouter({
  /** Newest first, a page at a time: `cursor` is the previous page's `nextCursor`. */
  list: orgProcedure
    .input(orgInput({ cursor: idSchema.optional(), limit: z.number().int().min(1).max(100).optional() }))
    .query(async ({ ctx, input }) => {
      const limit = input.limit ?? INBOX_PAGE_SIZE;
      const rows = await listInbox(ctx.tx, ctx.org.id, ctx.user.id, { after: input.cursor, limit });
      const items = rows.slice(0, limit);
      return {
        items: items.map((n) => ({
          ...n,
          createdAt: n.createdAt.toISOString(),
          readAt: n.readAt?.toISOString() ?? null,
        })),
        nextCursor: rows.length > limit ? items.at(-1)!.id : null,
      };
    }),

  /** How many are unread: the navigation's Inbox badge. */
  unreadCount: orgProcedure.query(async ({ ctx }) => ({
    count: await countUnread(ctx.tx, ctx.org.id, ctx.user.id),
  })),

  /** Following a notification's link marks it read. */
  markRead: orgProcedure.input(orgInput({ id: idSchema })).mutation(async ({ ctx, input }) => {
    const marked = await markNotificationRead(ctx.tx, ctx.org.id, ctx.user.id, input.id, now());
    if (!marked) throw new ServiceError("NOT_FOUND", "No such notification.");
    return { marked };
  }),

  markAllRead: orgProcedure.mutation(async ({ ctx }) => ({
    marked: await markAllNotificationsRead(ctx.tx, ctx.org.id, ctx.user.id, now()),
  })),
});
