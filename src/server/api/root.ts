import { meRouter } from "./routers/me";
import { createCallerFactory, createRouter } from "./trpc";

export const appRouter = createRouter({
  me: meRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
