import { accountRouter } from "./routers/account";
import { athletesRouter } from "./routers/athletes";
import { authRouter } from "./routers/auth";
import { invitationsRouter } from "./routers/invitations";
import { meRouter } from "./routers/me";
import { membersRouter } from "./routers/members";
import { organisationsRouter } from "./routers/organisations";
import { createCallerFactory, createRouter } from "./trpc";

export const appRouter = createRouter({
  me: meRouter,
  auth: authRouter,
  account: accountRouter,
  organisations: organisationsRouter,
  members: membersRouter,
  invitations: invitationsRouter,
  athletes: athletesRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
