import "server-only";
import { accountRouter } from "./routers/account";
import { athleteWeeksRouter } from "./routers/athlete-weeks";
import { athletesRouter } from "./routers/athletes";
import { calendarFeedsRouter } from "./routers/calendar-feeds";
import { authRouter } from "./routers/auth";
import { commentsRouter } from "./routers/comments";
import { importsRouter } from "./routers/imports";
import { invitationsRouter } from "./routers/invitations";
import { meRouter } from "./routers/me";
import { notificationsRouter } from "./routers/notifications";
import { membersRouter } from "./routers/members";
import { organisationsRouter } from "./routers/organisations";
import { rosterRouter } from "./routers/roster";
import { runsRouter } from "./routers/runs";
import { templatesRouter } from "./routers/templates";
import { trainingSettingsRouter } from "./routers/training-settings";
import { weeksRouter } from "./routers/weeks";
import { createCallerFactory, createRouter } from "./trpc";

export const appRouter = createRouter({
  me: meRouter,
  auth: authRouter,
  account: accountRouter,
  organisations: organisationsRouter,
  members: membersRouter,
  invitations: invitationsRouter,
  athletes: athletesRouter,
  runs: runsRouter,
  athleteWeeks: athleteWeeksRouter,
  calendarFeeds: calendarFeedsRouter,
  imports: importsRouter,
  roster: rosterRouter,
  weeks: weeksRouter,
  templates: templatesRouter,
  comments: commentsRouter,
  notifications: notificationsRouter,
  trainingSettings: trainingSettingsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
